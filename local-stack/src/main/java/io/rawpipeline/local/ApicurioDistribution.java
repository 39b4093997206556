package io.rawpipeline.local;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Finds an unpacked Apicurio Registry distribution: the directory named by {@value #HOME_PROPERTY}, or the
 * {@code apicurio-registry-app:tar.gz:all} artifact of the local Maven repository, unpacked once into a cache.
 */
final class ApicurioDistribution {

    static final String VERSION = "3.0.9";
    static final String HOME_PROPERTY = "rawpipeline.apicurio.home";
    static final String RUNNER_JAR = "apicurio-registry-app-" + VERSION + "-runner.jar";

    private ApicurioDistribution() {
    }

    /** The directory holding {@link #RUNNER_JAR} and its {@code lib/}. */
    static Path home() throws IOException {
        String configured = System.getProperty(HOME_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            Path home = Paths.get(configured);
            requireRunnerJar(home, "system property " + HOME_PROPERTY);
            return home;
        }
        Path archive = archiveInLocalRepository();
        if (!Files.isRegularFile(archive)) {
            throw new IOException("Apicurio Registry distribution not found at " + archive
                    + "; run a Maven build of local-stack (it downloads io.apicurio:apicurio-registry-app:" + VERSION
                    + ":tar.gz:all) or set -D" + HOME_PROPERTY + "=<unpacked dir>");
        }
        Path cache = Paths.get(System.getProperty("user.home"), ".cache", "rawpipeline", "apicurio-registry-" + VERSION);
        return unpackOnce(archive, cache);
    }

    static Path archiveInLocalRepository() {
        String repo = System.getProperty("maven.repo.local",
                Paths.get(System.getProperty("user.home"), ".m2", "repository").toString());
        return Paths.get(repo, "io", "apicurio", "apicurio-registry-app", VERSION,
                "apicurio-registry-app-" + VERSION + "-all.tar.gz");
    }

    /**
     * Unpacks into a private temporary sibling and renames it into place, so parallel starts never see a half
     * unpacked directory; the loser of a race discards its copy.
     */
    static Path unpackOnce(Path archive, Path target) throws IOException {
        if (Files.isRegularFile(target.resolve(RUNNER_JAR))) {
            return target;
        }
        Files.createDirectories(target.getParent());
        Path staging = Files.createTempDirectory(target.getParent(), target.getFileName() + ".unpacking-");
        try {
            extract(archive, staging);
            requireRunnerJar(staging, archive.toString());
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (!Files.isRegularFile(target.resolve(RUNNER_JAR))) {
                throw e;
            }
            // another process renamed its copy into place first
        } finally {
            deleteRecursively(staging);
        }
        return target;
    }

    private static void extract(Path archive, Path into) throws IOException {
        Path root = into.toAbsolutePath().normalize();
        try (InputStream file = new BufferedInputStream(Files.newInputStream(archive));
             TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(file))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path destination = root.resolve(entry.getName()).normalize();
                if (!destination.startsWith(root)) {
                    throw new IOException("Refusing archive entry outside the target directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(destination);
                } else if (entry.isFile()) {
                    Files.createDirectories(destination.getParent());
                    Files.copy(tar, destination);
                }
            }
        }
    }

    private static void requireRunnerJar(Path home, String origin) throws IOException {
        if (!Files.isRegularFile(home.resolve(RUNNER_JAR))) {
            throw new IOException("No " + RUNNER_JAR + " in " + home + " (from " + origin + ")");
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }
}
