package io.rawpipeline.cli.bench;

import io.rawpipeline.cli.PathOptions;
import io.rawpipeline.cli.local.LocalOptions;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The options of a benchmark of one stage on the local pipeline ({@code bench streams}, {@code bench sink}). */
public final class StageBenchOptions {

    @Option(names = "--mb", defaultValue = "200", description = "Uncompressed MB of objects a timed round takes. "
            + "Default: ${DEFAULT-VALUE}.")
    long mb;

    @Option(names = "--object-mb", defaultValue = "20", description = "Uncompressed MB an object. Default: "
            + "${DEFAULT-VALUE}.")
    long objectMb;

    @Option(names = "--rounds", defaultValue = "3", description = "Timed rounds; the median is judged. Default: "
            + "${DEFAULT-VALUE}.")
    int rounds;

    @Option(names = "--warmup-mb", defaultValue = "50", description = "Uncompressed MB of an untimed first round. "
            + "Default: ${DEFAULT-VALUE}.")
    long warmupMb;

    @Option(names = "--data-dir", description = "Folder of the pipeline's data, emptied first (default: "
            + "bench-data/<bench>).")
    private Path dataDir;

    @Option(names = "--plugin-path", description = "The Connect worker's plugin path (default: "
            + "connect-worker/target/plugin-path in the repository).")
    private Path pluginPath;

    /** Refuses values no run can use, before anything starts. */
    void check(CommandSpec spec) {
        if (mb < 1 || objectMb < 1 || rounds < 1 || warmupMb < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--mb, --object-mb and --rounds must be "
                    + "positive, --warmup-mb not negative");
        }
    }

    Path dataDir(String bench) {
        return PathOptions.folder(dataDir != null ? dataDir : Path.of("bench-data", bench), "--data-dir");
    }

    Path pluginPath() {
        return LocalOptions.checkedPluginPath(pluginPath != null ? pluginPath : LocalOptions.defaultPluginPath());
    }
}
