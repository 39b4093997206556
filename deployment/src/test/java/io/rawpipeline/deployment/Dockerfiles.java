package io.rawpipeline.deployment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads docker/<image>/Dockerfile into instructions, for the checks that compare them with compose and k8s/. */
final class Dockerfiles {

    private Dockerfiles() {
    }

    static List<Path> all() throws IOException {
        try (Stream<Path> files = Files.walk(Manifests.root().resolve("docker"))) {
            return files.filter(f -> f.getFileName().toString().equals("Dockerfile")).sorted().toList();
        }
    }

    /** The instructions of docker/{@code image}/Dockerfile. */
    static List<String> instructions(String image) throws IOException {
        return instructions(Manifests.root().resolve("docker").resolve(image).resolve("Dockerfile"));
    }

    /** The Dockerfile's instructions, comments dropped and continuation lines joined. */
    static List<String> instructions(Path dockerfile) throws IOException {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String raw : Files.readAllLines(dockerfile)) {
            String line = raw.strip();
            if (line.startsWith("#") || (line.isEmpty() && current.length() == 0)) {
                continue;
            }
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            current.append(line);
            out.add(current.toString().strip());
            current.setLength(0);
        }
        return out;
    }
}
