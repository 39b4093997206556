package io.rawpipeline.cli.local;

import io.rawpipeline.cli.PathOptions;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the local pipeline keeps its data and finds the Connect worker's plugins. */
public final class LocalOptions {

    /** The repository the {@code pipeline} script runs from. */
    private static final Path HOME = Path.of(System.getProperty("pipeline.home", "."));

    @Option(names = "--data-dir", description = "Folder of the pipeline's data (default: data/<command> in the "
            + "repository).")
    private Path dataDir;

    @Option(names = "--plugin-path", description = "The Connect worker's plugin path (default: "
            + "connect-worker/target/plugin-path in the repository, made by the build).")
    private Path pluginPath;

    Path dataDir(String command) {
        return PathOptions.folder(dataDir != null ? dataDir : HOME.resolve("data").resolve(command), "--data-dir");
    }

    Path pluginPath() {
        return checkedPluginPath(pluginPath != null ? pluginPath : defaultPluginPath());
    }

    /** The worker's plugin path, refused before anything starts when the build has not made it. */
    public static Path checkedPluginPath(Path path) {
        return PathOptions.existingFolder(path, "--plugin-path", " (mvn -B -q -DskipTests install builds "
                + "connect-worker/target/plugin-path)");
    }

    /** The plugin path the build makes in the repository. */
    public static Path defaultPluginPath() {
        return HOME.resolve("connect-worker/target/plugin-path");
    }
}
