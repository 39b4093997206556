package io.rawpipeline.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Checks of folder options, made before anything starts, so a wrong path is a usage error rather than a trace. */
public final class PathOptions {

    private PathOptions() {
    }

    /** A folder the command creates when missing: refused only when something else is at that path. */
    public static Path folder(Path path, String option) {
        if (Files.exists(path) && !Files.isDirectory(path)) {
            throw new IllegalArgumentException(option + " " + path + " is a file, not a folder");
        }
        return path;
    }

    /** A folder that must be there already; {@code hint} says where it comes from. */
    public static Path existingFolder(Path path, String option, String hint) {
        if (!Files.isDirectory(path)) {
            throw new IllegalArgumentException(option + " " + path + " is not a folder" + hint);
        }
        return path;
    }
}
