package io.rawpipeline.cli.local;

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
        return dataDir != null ? dataDir : HOME.resolve("data").resolve(command);
    }

    Path pluginPath() {
        return pluginPath != null ? pluginPath : defaultPluginPath();
    }

    /** The plugin path the build makes in the repository. */
    public static Path defaultPluginPath() {
        return HOME.resolve("connect-worker/target/plugin-path");
    }
}
