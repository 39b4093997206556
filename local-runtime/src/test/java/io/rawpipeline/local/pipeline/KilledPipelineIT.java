package io.rawpipeline.local.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.rawpipeline.connect.s3.config.ReadingConfig;
import io.rawpipeline.local.samples.SampleObjects;
import io.rawpipeline.local.samples.SampleObjects.Sample;
import io.rawpipeline.streams.config.ParseAppConfig;
import io.rawpipeline.streams.config.SourceConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pipeline local} killed with SIGKILL while thousands of lines are in flight, in its own process as a user
 * runs it, then started again on the same data folder: first the whole process group (the registry child dies too),
 * then the JVM alone (the registry child lives on, holding the schemas' H2 file, and the next start must stop it).
 * Each time the next start comes up, every line lands exactly once, no good record is dead-lettered, and the parse
 * app's dead letters are exactly the planted bad lines.
 */
class KilledPipelineIT {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration LANDING_TIMEOUT = Duration.ofMinutes(5);
    private static final int OBJECTS_PER_TABLE = 2;
    private static final int ROWS_PER_OBJECT = 1_000;
    private static final ParseAppConfig PARSE = new ParseAppConfig(Map.of());
    /** Each table's inbox folder ({@link Inbox#FOLDERS}), which uploads a file where that table's route reads. */
    private static final Map<String, String> FOLDER_OF_TABLE = Map.of(
            SampleObjects.DIAGNOSTICS, "diagnostics",
            SampleObjects.RELEASES, "releases",
            SampleObjects.PUSH_PROXY_US, "push-proxy-us",
            SampleObjects.PUSH_PROXY_EU, "push-proxy-eu",
            SampleObjects.PUSH_PROXY_TEST, "push-proxy-test",
            SampleObjects.LICENSES, "licenses");

    @TempDir
    Path dataDir;

    private final List<PipelineProcess> started = new ArrayList<>();

    @Test
    void theKilledPipelineStartsAgainAndLandsEveryLineOnceWithNoGoodRecordDeadLettered() throws Exception {
        List<Sample> dropped = new ArrayList<>();

        PipelineProcess first = start("first start");
        Map<TopicPartition, Long> from = parsedEnds(first);
        dropped.addAll(drop("a"));
        awaitInFlight(first, from, totalRows(dropped));
        long firstRegistry = registryPid();
        first.killProcessGroup();
        assertThat(awaitGone(firstRegistry)).as("the registry died with the process group").isTrue();

        PipelineProcess second = start("start after the process group was killed");
        awaitLandedExactlyOnce(second, dropped);

        from = parsedEnds(second);
        List<Sample> more = drop("b");
        dropped.addAll(more);
        awaitInFlight(second, from, totalRows(more));
        long orphan = registryPid();
        second.killJvm();
        assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive)).as("the registry outlives the killed JVM")
                .contains(true);

        PipelineProcess third = start("start after the JVM alone was killed");
        assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive)).as("the registry the killed JVM left")
                .isNotEqualTo(Optional.of(true));
        awaitLandedExactlyOnce(third, dropped);
        third.stop();

        try (Warehouse warehouse = Warehouse.open(dataDir.resolve(LocalPipeline.WAREHOUSE_FILE))) {
            Map<String, Long> rows = warehouse.rowCounts();
            SampleObjects.expectedRows(dropped, List.of()).forEach((topic, expected) -> {
                String table = topic.toUpperCase(Locale.ROOT);
                assertThat(rows.get(table)).as("rows of %s", table).isEqualTo(expected);
                try {
                    assertThat(warehouse.distinctLines(table)).as("distinct lines of %s", table).isEqualTo(expected);
                } catch (SQLException e) {
                    throw new AssertionError(e);
                }
            });
        }
    }

    @AfterEach
    void killWhatIsLeft() throws Exception {
        for (PipelineProcess pipeline : started) {
            if (pipeline.process.isAlive()) {
                pipeline.killProcessGroup();
            }
        }
        keepLogs();
        Path pidFile = registryPidFile();
        if (Files.exists(pidFile)) {
            ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip()))
                    .filter(registry -> registry.info().commandLine().orElse("").contains("apicurio-registry-app"))
                    .ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    /** The last run's logs, for a look after a failure: the data folder is deleted. */
    private void keepLogs() throws IOException {
        Path kept = Path.of("target", getClass().getSimpleName() + "-logs");
        LocalPipeline.deleteData(kept);
        Files.createDirectories(kept);
        try (Stream<Path> logs = Files.list(dataDir.resolve("logs"))) {
            for (Path log : logs.toList()) {
                Files.copy(log, kept.resolve(log.getFileName()));
            }
        }
    }

    private PipelineProcess start(String what) throws Exception {
        long began = System.nanoTime();
        PipelineProcess pipeline = PipelineProcess.start(dataDir);
        started.add(pipeline);
        System.out.printf("%s: running after %.1f s%n", what, (System.nanoTime() - began) / 1e9);
        return pipeline;
    }

    /** Drops every sample object of run {@code run} into the inbox folder of its table. */
    private List<Sample> drop(String run) throws IOException {
        List<Sample> samples = SampleObjects.objects(run, OBJECTS_PER_TABLE, ROWS_PER_OBJECT);
        for (Sample sample : samples) {
            Path folder = dataDir.resolve("inbox").resolve(FOLDER_OF_TABLE.get(sample.table()));
            Files.createDirectories(folder);
            String name = sample.key().substring(sample.key().lastIndexOf('/') + 1);
            Files.write(folder.resolve(name), sample.bytes());
        }
        return samples;
    }

    /**
     * Waits until the parsed topics have grown from {@code from} by a third of {@code rows} (their ends, read
     * committed, count each committed row, and transaction markers too), and checks they have grown by less than
     * {@code rows}: the kill that follows hits rows not yet parsed, and others not yet landed.
     */
    private static void awaitInFlight(PipelineProcess pipeline, Map<TopicPartition, Long> from, long rows)
            throws Exception {
        long deadline = System.nanoTime() + LANDING_TIMEOUT.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Landing.readerSettings(pipeline.bootstrapServers), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            long grown;
            while ((grown = grownBy(consumer.endOffsets(from.keySet()), from)) < rows / 3) {
                assertThat(System.nanoTime()).as("a third of the rows parsed before the timeout").isLessThan(deadline);
                Thread.sleep(100);
            }
            System.out.printf("killing with the parsed topics grown by %,d for %,d rows%n", grown, rows);
            assertThat(grown).as("rows parsed when the kill comes: some must still be in flight").isLessThan(rows);
        }
    }

    private static Map<TopicPartition, Long> parsedEnds(PipelineProcess pipeline) {
        return Landing.endOffsets(pipeline.bootstrapServers, parsedTopics());
    }

    private static long grownBy(Map<TopicPartition, Long> ends, Map<TopicPartition, Long> from) {
        return ends.entrySet().stream().mapToLong(end -> end.getValue() - from.get(end.getKey())).sum();
    }

    /**
     * Waits until every row of {@code dropped} is landed (the sink has committed past it), then checks the topics:
     * each row once in its parsed topic, the planted bad lines and only they in the parse app's dead letters, nothing
     * in the sink's dead-letter topic nor in the S3 source's error topic.
     */
    private static void awaitLandedExactlyOnce(PipelineProcess pipeline, List<Sample> dropped) throws Exception {
        long began = System.nanoTime();
        Map<String, Long> rows = SampleObjects.expectedRows(dropped, List.of());
        Map<String, Long> expected = new HashMap<>(rows);
        expected.put(PARSE.deadLetterTopic(), SampleObjects.expectedDeadLetters(dropped, List.of()));
        Landing.await(pipeline.bootstrapServers, expected, Map.of(), parsedTopics(), LocalPipeline.SINK_GROUP,
                LANDING_TIMEOUT, System.out::println);
        System.out.printf("landed after %.1f s%n", (System.nanoTime() - began) / 1e9);

        Map<String, Long> parsed = Landing.count(pipeline.bootstrapServers, parsedTopics());
        parsedTopics().forEach(topic -> assertThat(parsed.get(topic)).as("records in %s", topic)
                .isEqualTo(rows.getOrDefault(topic, 0L)));
        assertThat(Landing.count(pipeline.bootstrapServers, List.of(LocalPipeline.SINK_DEAD_LETTER_TOPIC,
                ReadingConfig.DEFAULT_ERROR_TOPIC)))
                .as("good records dead-lettered by the sink; objects the S3 source could not take")
                .containsOnly(Map.entry(LocalPipeline.SINK_DEAD_LETTER_TOPIC, 0L),
                        Map.entry(ReadingConfig.DEFAULT_ERROR_TOPIC, 0L));
        Map<String, Long> badLines = new HashMap<>();
        dropped.forEach(sample -> badLines.merge(sample.table(), (long) sample.badLines(), Long::sum));
        assertThat(DeadLetters.countByTable(pipeline.bootstrapServers, pipeline.registryUrl,
                PARSE.deadLetterTopic(), tablesBySource())).as("the parse app's dead letters, by table")
                .isEqualTo(badLines);
    }

    private static long totalRows(List<Sample> samples) {
        return SampleObjects.expectedRows(samples, List.of()).values().stream().mapToLong(Long::longValue).sum();
    }

    private static List<String> parsedTopics() {
        return PARSE.sources().stream().flatMap(source -> source.tables().stream()).toList();
    }

    private static Map<String, List<String>> tablesBySource() {
        Map<String, List<String>> tables = new HashMap<>();
        for (SourceConfig source : PARSE.sources()) {
            tables.put(source.name(), source.tables());
        }
        return tables;
    }

    private Path registryPidFile() {
        return dataDir.resolve("registry").resolve("registry.pid");
    }

    private long registryPid() throws IOException {
        return Long.parseLong(Files.readString(registryPidFile()).strip());
    }

    private static boolean awaitGone(long pid) throws InterruptedException {
        for (int i = 0; i < 100 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false); i++) {
            Thread.sleep(100);
        }
        return !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** {@code pipeline local} in a session of its own, so that its process group can be killed without this JVM. */
    private static final class PipelineProcess {

        private static final Pattern RUNNING = Pattern.compile(
                "Running\\. Kafka at ([^,\\s]+), schema registry at ([^,\\s]+),");

        private final Process process;
        private final Thread reader;
        private final List<String> output = Collections.synchronizedList(new ArrayList<>());
        private volatile String bootstrapServers;
        private volatile String registryUrl;

        private PipelineProcess(Process process) {
            this.process = process;
            this.reader = new Thread(this::readOutput, "pipeline-" + process.pid() + "-output");
            reader.setDaemon(true);
        }

        static PipelineProcess start(Path dataDir) throws Exception {
            List<String> command = new ArrayList<>(List.of("setsid",
                    ProcessHandle.current().info().command().orElse("java"), "-Xmx1g", "-XX:+UseParallelGC"));
            String logConfig = System.getProperty("log4j2.configurationFile");
            if (logConfig != null) {
                command.add("-Dlog4j2.configurationFile=" + logConfig);
            }
            command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                    PipelineLocalProcess.class.getName(), dataDir.toString(),
                    System.getProperty("rawpipeline.plugin.path")));
            PipelineProcess pipeline = new PipelineProcess(new ProcessBuilder(command).redirectErrorStream(true)
                    .start());
            pipeline.reader.start();
            pipeline.awaitRunning();
            return pipeline;
        }

        private void readOutput() {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    output.add(line);
                    System.out.println("  [pipeline " + process.pid() + "] " + line);
                    Matcher running = RUNNING.matcher(line);
                    if (running.find()) {
                        registryUrl = running.group(2);
                        bootstrapServers = running.group(1);
                    }
                }
            } catch (IOException closed) {
                // the process is gone
            }
        }

        private void awaitRunning() throws Exception {
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            while (bootstrapServers == null) {
                assertThat(process.isAlive()).as("the pipeline runs; it printed:%n%s", String.join("\n", output))
                        .isTrue();
                assertThat(System.nanoTime()).as("the pipeline running before the timeout; it printed:%n%s",
                        String.join("\n", output)).isLessThan(deadline);
                Thread.sleep(200);
            }
        }

        /** SIGKILL to every process of its group: the JVM and the registry it started. */
        void killProcessGroup() throws Exception {
            assertThat(processGroup(process.pid())).as("the pipeline leads its own process group")
                    .isEqualTo(process.pid());
            int exit = new ProcessBuilder("kill", "-KILL", "--", "-" + process.pid()).inheritIO().start().waitFor();
            assertThat(exit).as("kill's exit code").isZero();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the JVM is gone").isTrue();
        }

        /** SIGKILL to the JVM alone. */
        void killJvm() throws Exception {
            process.destroyForcibly();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the JVM is gone").isTrue();
        }

        /** SIGTERM, as Ctrl-C: the pipeline stops every part; the sink lets go of the DuckDB file. */
        void stop() throws Exception {
            process.destroy();
            assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("the pipeline stopped").isTrue();
            reader.join(TimeUnit.SECONDS.toMillis(10));
            System.out.println("stopped, exit value " + process.exitValue());
        }

        /** The process group, from /proc/PID/stat (the fifth field; the second, the command, may hold spaces). */
        private static long processGroup(long pid) throws IOException {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[2]);
        }
    }
}
