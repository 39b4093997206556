package io.rawpipeline.cli.bench;

import io.rawpipeline.bench.parse.ParseBench;
import io.rawpipeline.cli.PathOptions;
import io.rawpipeline.cli.SourceFormatConverter;
import io.rawpipeline.formats.SourceFormat;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pipeline bench parse}: our parser alone, our parser plus Avro encoding, and DuckDB's CSV reader, each on
 * one thread, in the same JVM run over the same generated file, round after round.
 */
@Command(name = "parse", mixinStandardHelpOptions = true,
        description = "Benchmarks the parser against DuckDB read_csv (one thread each) on a generated log file.")
public final class BenchParseCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private BenchOutputOptions output;

    @Option(names = "--format", defaultValue = "cloudfront", converter = SourceFormatConverter.class,
            description = "Format to benchmark; only cloudfront has a generator. Default: ${DEFAULT-VALUE}.")
    private SourceFormat format;

    @Option(names = "--lines", defaultValue = "1000000", description = "Rows in the file. Default: ${DEFAULT-VALUE}.")
    private long lines;

    @Option(names = "--dir", defaultValue = "${sys:pipeline.home:-.}/bench-data", paramLabel = "DIR",
            description = "Where the generated file is kept and reused. Default: ${DEFAULT-VALUE}.")
    private Path dir;

    @Option(names = "--rounds", defaultValue = "3", description = "Timed rounds per contender. Default: ${DEFAULT-VALUE}.")
    private int rounds;

    @Option(names = "--warmup-lines", defaultValue = "100000",
            description = "Rows of the untimed warm-up pass of every contender. Default: ${DEFAULT-VALUE}.")
    private long warmupLines;

    /** The script that started this command, when it did: its {@code parse} is timed as a whole process. */
    private static Path pipelineScript() {
        String home = System.getProperty("pipeline.home");
        Path script = home == null ? null : Path.of(home, "pipeline");
        return script != null && java.nio.file.Files.isExecutable(script) ? script : null;
    }

    @Override
    public Integer call() throws Exception {
        if (format != SourceFormat.CLOUDFRONT) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--format " + format.id()
                    + ": only cloudfront has a log generator");
        }
        if (lines < 1 || rounds < 1 || warmupLines < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--lines, --rounds and --warmup-lines must be positive");
        }
        ParseBench bench = new ParseBench(new ParseBench.Settings(format, lines, PathOptions.folder(dir, "--dir"),
                rounds, warmupLines, pipelineScript()));
        return output.print(spec, bench.run(output.tables(spec), spec.commandLine().getErr()));
    }
}
