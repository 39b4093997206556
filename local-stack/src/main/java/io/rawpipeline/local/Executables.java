package io.rawpipeline.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Programs the local tools run (Prometheus, wrk), found on the PATH as a shell would find them. */
public final class Executables {

    private Executables() {
    }

    /** The first of {@code names} on the PATH, or empty. */
    public static Optional<Path> onPath(String... names) {
        List<Path> path = Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .filter(dir -> !dir.isEmpty()).map(Path::of).toList();
        for (String name : names) {
            Optional<Path> found = path.stream().map(dir -> dir.resolve(name)).filter(Files::isExecutable).findFirst();
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }
}
