package io.rawpipeline.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApicurioDistributionTest {

    @TempDir
    Path dir;

    @Test
    void unpacksArchiveIntoTargetAndLeavesNoStagingDirectory() throws IOException {
        Path archive = tarGz("dist.tar.gz", ApicurioDistribution.RUNNER_JAR, "lib/a.jar");
        Path target = dir.resolve("cache").resolve("apicurio");

        Path home = ApicurioDistribution.unpackOnce(archive, target);

        assertThat(home).isEqualTo(target);
        assertThat(target.resolve("lib/a.jar")).hasContent("lib/a.jar");
        try (var siblings = Files.list(target.getParent())) {
            assertThat(siblings).containsExactly(target);
        }
    }

    @Test
    void reusesAnExistingUnpackedDirectory() throws IOException {
        Path target = dir.resolve("apicurio");
        Files.createDirectories(target);
        Files.writeString(target.resolve(ApicurioDistribution.RUNNER_JAR), "already here");

        ApicurioDistribution.unpackOnce(dir.resolve("missing.tar.gz"), target);

        assertThat(target.resolve(ApicurioDistribution.RUNNER_JAR)).hasContent("already here");
    }

    @Test
    void rejectsArchiveEntriesOutsideTheTarget() throws IOException {
        Path archive = tarGz("evil.tar.gz", ApicurioDistribution.RUNNER_JAR, "../escaped.txt");

        assertThatThrownBy(() -> ApicurioDistribution.unpackOnce(archive, dir.resolve("cache/apicurio")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("../escaped.txt");
        assertThat(dir.resolve("cache/escaped.txt")).doesNotExist();
        assertThat(dir.resolve("cache/apicurio")).doesNotExist();
    }

    @Test
    void rejectsArchiveWithoutRunnerJar() throws IOException {
        Path archive = tarGz("other.tar.gz", "lib/a.jar");

        assertThatThrownBy(() -> ApicurioDistribution.unpackOnce(archive, dir.resolve("apicurio")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(ApicurioDistribution.RUNNER_JAR);
    }

    private Path tarGz(String name, String... entries) throws IOException {
        Path archive = dir.resolve(name);
        try (OutputStream file = Files.newOutputStream(archive);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(file))) {
            for (String entry : entries) {
                byte[] content = entry.getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry tarEntry = new TarArchiveEntry(entry, true);
                tarEntry.setSize(content.length);
                tar.putArchiveEntry(tarEntry);
                tar.write(content);
                tar.closeArchiveEntry();
            }
        }
        return archive;
    }
}
