package io.rawpipeline.cli.bench;

import io.rawpipeline.bench.streams.StreamsBench;
import io.rawpipeline.cli.PathOptions;
import io.rawpipeline.cli.local.LocalOptions;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pipeline bench streams}: the parse app alone, from raw lines waiting in the raw topics to parsed rows. */
@Command(name = "streams", mixinStandardHelpOptions = true,
        description = {"Runs the local pipeline with its parse app and sink stopped, lets the S3 source write "
                + "bursts of generated CloudFront and ALB objects into the raw topics, then times the parse app "
                + "(exactly once) parsing them, beside Kafka's ProducerPerformance with records of the same size."})
public final class BenchStreamsCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--mb", defaultValue = "200", description = "Uncompressed MB of objects a timed round parses. "
            + "Default: ${DEFAULT-VALUE}.")
    private long mb;

    @Option(names = "--object-mb", defaultValue = "20", description = "Uncompressed MB an object. Default: "
            + "${DEFAULT-VALUE}.")
    private long objectMb;

    @Option(names = "--rounds", defaultValue = "3", description = "Timed rounds; the median is judged. Default: "
            + "${DEFAULT-VALUE}.")
    private int rounds;

    @Option(names = "--warmup-mb", defaultValue = "50", description = "Uncompressed MB of an untimed first round. "
            + "Default: ${DEFAULT-VALUE}.")
    private long warmupMb;

    @Option(names = "--data-dir", defaultValue = "bench-data/streams", description = "Folder of the pipeline's "
            + "data, emptied first. Default: ${DEFAULT-VALUE}.")
    private Path dataDir;

    @Option(names = "--plugin-path", description = "The Connect worker's plugin path (default: "
            + "connect-worker/target/plugin-path in the repository).")
    private Path pluginPath;

    @Override
    public Integer call() throws Exception {
        if (mb < 1 || objectMb < 1 || rounds < 1 || warmupMb < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--mb, --object-mb and --rounds must be "
                    + "positive, --warmup-mb not negative");
        }
        PathOptions.folder(dataDir, "--data-dir");
        Path plugins = LocalOptions.checkedPluginPath(
                pluginPath != null ? pluginPath : LocalOptions.defaultPluginPath());
        new StreamsBench(new StreamsBench.Settings(mb, objectMb, rounds, warmupMb, dataDir, plugins))
                .run(spec.commandLine().getOut(), spec.commandLine().getErr());
        return 0;
    }
}
