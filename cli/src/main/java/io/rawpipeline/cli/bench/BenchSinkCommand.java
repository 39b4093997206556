package io.rawpipeline.cli.bench;

import io.rawpipeline.bench.sink.SinkBench;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pipeline bench sink}: the warehouse sink alone, from rows waiting in the parsed topics to committed rows. */
@Command(name = "sink", mixinStandardHelpOptions = true,
        description = {"Runs the local pipeline with its sink stopped, parses bursts of generated CloudFront and ALB "
                + "objects into the parsed topics, then times one warehouse sink task landing them (rows/s), beside a "
                + "plain consumer's read of the same records."})
public final class BenchSinkCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    private BenchOutputOptions output;

    @Mixin
    private StageBenchOptions options;

    @Option(names = "--sink-setting", paramLabel = "KEY=VALUE", mapFallbackValue = "",
            description = "A setting of the warehouse sink connector for the run, e.g. upsert.on.provenance=false or "
                    + "consumer.override.max.poll.records=20000 (tasks.max is always 1).")
    private Map<String, String> sinkSettings = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        options.check(spec);
        if (sinkSettings.containsKey("tasks.max")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--sink-setting tasks.max: the bench times "
                    + "one task");
        }
        SinkBench bench = new SinkBench(new SinkBench.Settings(options.mb, options.objectMb, options.rounds,
                options.warmupMb, options.dataDir("sink"), options.pluginPath(), sinkSettings));
        return output.print(spec, bench.run(output.tables(spec), spec.commandLine().getErr()));
    }
}
