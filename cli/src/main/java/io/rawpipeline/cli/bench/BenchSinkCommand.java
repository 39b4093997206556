package io.rawpipeline.cli.bench;

import io.rawpipeline.bench.sink.SinkBench;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

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

    @Override
    public Integer call() throws Exception {
        options.check(spec);
        SinkBench bench = new SinkBench(new SinkBench.Settings(options.mb, options.objectMb, options.rounds,
                options.warmupMb, options.dataDir("sink"), options.pluginPath()));
        return output.print(spec, bench.run(output.tables(spec), spec.commandLine().getErr()));
    }
}
