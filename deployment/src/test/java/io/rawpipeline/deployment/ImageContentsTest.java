package io.rawpipeline.deployment;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the images hold, checked without Docker: each Dockerfile's COPY instructions are carried out into a folder
 * (the image's filesystem, less the base image), from the build output that {@code mvn verify} made before this
 * module (it depends on the three modules). The parse app's and the gateway's ENTRYPOINT then run from that folder
 * with this JDK: without their settings file they print their usage, which needs the main class and the logging
 * on the image's class path.
 */
class ImageContentsTest {

    static final Path ROOT = Manifests.root();

    @TempDir
    Path image;

    @Test
    void theParseAppsImageRunsItsMainClass() throws Exception {
        stage("streams-app");
        assertThat(Files.readString(image.resolve("config/parse-app.properties"))).contains("bootstrap.servers=");
        Run run = entrypoint("streams-app");
        assertThat(run.exit).as(run.output).isEqualTo(2);
        assertThat(run.output).contains("usage: ParseApp <settings.properties>");
    }

    @Test
    void theGatewaysImageRunsItsMainClass() throws Exception {
        stage("gateway");
        Run run = entrypoint("gateway");
        assertThat(run.exit).as(run.output).isEqualTo(2);
        assertThat(run.output).contains("usage: java -jar gateway.jar <settings.properties>");
    }

    @Test
    void theConnectWorkersImageHoldsEveryPluginWhereItsPluginPathSays() throws Exception {
        stage("connect-worker");
        Properties worker = new Properties();
        try (var reader = Files.newBufferedReader(image.resolve("opt/connect/connect-distributed.properties"))) {
            worker.load(reader);
        }
        Path plugins = inImage(worker.getProperty("plugin.path"));
        try (Stream<Path> dirs = Files.list(plugins)) {
            assertThat(dirs.map(d -> d.getFileName().toString()))
                    .contains("rawpipeline-s3-source", "rawpipeline-warehouse-sink", "snowflake-kafka-connector");
        }
        // plugin.discovery=service_load finds only plugins whose jars carry ServiceLoader manifests
        assertThat(worker.getProperty("plugin.discovery")).isEqualTo("service_load");
        for (String plugin : List.of("rawpipeline-s3-source", "rawpipeline-warehouse-sink", "snowflake-kafka-connector")) {
            try (Stream<Path> jars = Files.walk(plugins.resolve(plugin))) {
                assertThat(jars.filter(j -> j.toString().endsWith(".jar"))).as(plugin).isNotEmpty();
            }
        }
    }

    /** Carries out the Dockerfile's COPY instructions of the build context (COPY --from= is a base image's). */
    private void stage(String name) throws IOException {
        List<String> copies = Dockerfiles.instructions(name).stream()
                .filter(line -> line.startsWith("COPY ") && !line.contains("--from=")).toList();
        assertThat(copies).isNotEmpty();
        for (String copy : copies) {
            String[] parts = copy.substring(5).trim().split("\\s+");
            assertThat(parts).as(copy).hasSize(2);
            List<Path> sources = sources(parts[0]);
            assertThat(sources).as("build output for %s (run in the full mvn verify, after the modules it copies)",
                    copy).isNotEmpty();
            Path target = inImage(parts[1]);
            for (Path source : sources) {
                if (Files.isDirectory(source)) {
                    copyTree(source, target);
                } else if (parts[1].endsWith("/")) {
                    Files.createDirectories(target);
                    Files.copy(source, target.resolve(source.getFileName()));
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(source, target);
                }
            }
        }
    }

    /** A source path of the build context, where a * in the file name matches as in Docker. */
    private static List<Path> sources(String pattern) throws IOException {
        Path path = ROOT.resolve(pattern);
        if (!pattern.contains("*")) {
            return Files.exists(path) ? List.of(path) : List.of();
        }
        Path dir = path.getParent();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        PathMatcher glob = FileSystems.getDefault().getPathMatcher("glob:" + path.getFileName());
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> glob.matches(f.getFileName())).sorted().toList();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }

    private Path inImage(String absolute) {
        return image.resolve(absolute.replaceFirst("^/", ""));
    }

    record Run(int exit, String output) {
    }

    /** The exec-form ENTRYPOINT, "java" being this JDK's and absolute paths the staged image's. */
    private Run entrypoint(String name) throws Exception {
        String line = Dockerfiles.instructions(name).stream()
                .filter(l -> l.startsWith("ENTRYPOINT ")).reduce((first, last) -> last).orElseThrow();
        String[] words = new ObjectMapper().readValue(line.substring("ENTRYPOINT ".length()), String[].class);
        List<String> command = new ArrayList<>();
        for (String word : Arrays.asList(words)) {
            if (word.equals("java")) {
                command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            } else {
                command.add(word.startsWith("/") ? inImage(word).toString() : word);
            }
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s exits", command).isTrue();
        return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes()));
    }
}
