package io.rawpipeline.cli.bench;

import io.rawpipeline.bench.e2e.EndToEndBench;
import io.rawpipeline.cli.PathOptions;
import io.rawpipeline.cli.local.LocalOptions;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code pipeline bench e2e}: lines/s from notification to committed warehouse row through the whole local pipeline,
 * freshness at a steady moderate rate, and Kafka's ProducerPerformance on the same broker as the ceiling.
 */
@Command(name = "e2e", mixinStandardHelpOptions = true,
        description = {"Runs the whole pipeline on this machine (as pipeline demo does), lands bursts of generated "
                + "CloudFront and ALB objects and a steady trickle, and prints lines/s from notification to committed "
                + "row and freshness p50/p99 beside Kafka's ProducerPerformance on the same broker."})
public final class BenchE2eCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    private BenchOutputOptions output;

    @Option(names = "--mb", defaultValue = "100", description = "Uncompressed MB of objects a timed round uploads at "
            + "once. Default: ${DEFAULT-VALUE}.")
    private long mb;

    @Option(names = "--object-mb", defaultValue = "10", description = "Uncompressed MB an object. Default: "
            + "${DEFAULT-VALUE}.")
    private long objectMb;

    @Option(names = "--rounds", defaultValue = "3", description = "Timed rounds; the median is judged. Default: "
            + "${DEFAULT-VALUE}.")
    private int rounds;

    @Option(names = "--warmup-mb", defaultValue = "30", description = "Uncompressed MB of an untimed first round. "
            + "Default: ${DEFAULT-VALUE}.")
    private long warmupMb;

    @Option(names = "--rate", defaultValue = "2000", description = "Lines/s of the steady phase, as objects of a "
            + "tenth of that every 100 ms. Default: ${DEFAULT-VALUE}.")
    private int rate;

    @Option(names = "--steady-seconds", defaultValue = "30", description = "Length of the steady phase. Default: "
            + "${DEFAULT-VALUE}.")
    private int steadySeconds;

    @Option(names = "--ceiling-records", defaultValue = "1000000", description = "Records ProducerPerformance sends "
            + "for the ceiling. Default: ${DEFAULT-VALUE}.")
    private long ceilingRecords;

    @Option(names = "--data-dir", defaultValue = "bench-data/e2e", description = "Folder of the pipeline's data, "
            + "emptied first. Default: ${DEFAULT-VALUE}.")
    private Path dataDir;

    @Option(names = "--plugin-path", description = "The Connect worker's plugin path (default: "
            + "connect-worker/target/plugin-path in the repository).")
    private Path pluginPath;

    @Override
    public Integer call() throws Exception {
        if (mb < 1 || objectMb < 1 || rounds < 1 || warmupMb < 0 || rate < 10 || steadySeconds < 1
                || ceilingRecords < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--mb, --object-mb, --rounds, "
                    + "--steady-seconds and --ceiling-records must be positive, --rate at least 10, --warmup-mb not "
                    + "negative");
        }
        PathOptions.folder(dataDir, "--data-dir");
        Path plugins = LocalOptions.checkedPluginPath(pluginPath != null ? pluginPath : LocalOptions.defaultPluginPath());
        EndToEndBench.Settings settings = new EndToEndBench.Settings(mb, objectMb, rounds, warmupMb, rate,
                steadySeconds, ceilingRecords, dataDir, plugins);
        return output.print(spec, new EndToEndBench(settings)
                .run(output.tables(spec), spec.commandLine().getErr()));
    }
}
