package io.rawpipeline.cli.bench;

import io.rawpipeline.bench.streams.StreamsBench;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code pipeline bench streams}: the parse app alone, from raw lines waiting in the raw topics to parsed rows. */
@Command(name = "streams", mixinStandardHelpOptions = true,
        description = {"Runs the local pipeline with its parse app and sink stopped, lets the S3 source write "
                + "bursts of generated CloudFront and ALB objects into the raw topics, then times the parse app "
                + "(exactly once) parsing them, beside Kafka's ProducerPerformance with records of the same size."})
public final class BenchStreamsCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    private BenchOutputOptions output;

    @Mixin
    private StageBenchOptions options;

    @Override
    public Integer call() throws Exception {
        options.check(spec);
        StreamsBench bench = new StreamsBench(new StreamsBench.Settings(options.mb, options.objectMb, options.rounds,
                options.warmupMb, options.dataDir("streams"), options.pluginPath()));
        return output.print(spec, bench.run(output.tables(spec), spec.commandLine().getErr()));
    }
}
