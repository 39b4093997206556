package io.rawpipeline.cli.bench;

import io.rawpipeline.cli.SourceFormatConverter;
import io.rawpipeline.formats.SourceFormat;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
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

    @Override
    public Integer call() throws Exception {
        if (format != SourceFormat.CLOUDFRONT) {
            throw new CommandLine.ParameterException(spec.commandLine(), "only cloudfront has a log generator");
        }
        if (lines < 1 || rounds < 1 || warmupLines < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--lines, --rounds and --warmup-lines must be positive");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter progress = spec.commandLine().getErr();
        BenchReport.printEnvironment(out);
        out.flush();

        CloudFrontLogGenerator generator = new CloudFrontLogGenerator();
        long started = System.nanoTime();
        Path file = generator.ensure(dir, lines);
        Path warmup = lines > warmupLines ? generator.ensure(dir, warmupLines) : file;
        progress.printf(Locale.ROOT, "bench file %s ready in %.1f s%n", file, (System.nanoTime() - started) / 1e9);
        progress.flush();

        BenchReport report = new BenchReport(lines, Files.size(file));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean(); // DuckDB with threads=1 runs on this thread too
        try (ParserContender parse = new ParserContender(format, false);
             ParserContender parseEncode = new ParserContender(format, true);
             DuckDbReadCsvContender duckDb = new DuckDbReadCsvContender()) {
            List<Contender> contenders = List.of(parse, parseEncode, duckDb);
            for (Contender contender : contenders) {
                contender.run(warmup); // JIT compilation and DuckDB's start-up stay out of the timings
            }
            // rounds interleave the contenders, so drift in the machine's speed hits them all alike
            for (int round = 1; round <= rounds; round++) {
                for (Contender contender : contenders) {
                    System.gc();
                    long start = System.nanoTime();
                    long cpuStart = threads.getCurrentThreadCpuTime();
                    long rows = contender.run(file);
                    double seconds = (System.nanoTime() - start) / 1e9;
                    double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
                    if (rows != lines) {
                        throw new IllegalStateException(contender.name() + " read " + rows + " rows, not " + lines);
                    }
                    report.add(contender.name(), seconds, cpuSeconds);
                    // on a shared machine the thread's CPU time shows how much of the wall time was waiting for a core
                    progress.printf(Locale.ROOT, "round %d  %-30s %7.3f s  %,12.0f lines/s   (thread CPU %.3f s)%n",
                            round, contender.name(), seconds, lines / seconds, cpuSeconds);
                    progress.flush();
                }
            }
            report.print(out, parse.name(), parseEncode.name(), duckDb.name());
        }
        return 0;
    }
}
