package io.rawpipeline.bench.sink;

import io.rawpipeline.bench.BenchEnvironment;
import io.rawpipeline.bench.BenchPipeline;
import io.rawpipeline.bench.BenchResult;
import io.rawpipeline.bench.BenchResult.Figure;
import io.rawpipeline.bench.LogObject;
import io.rawpipeline.bench.LogObjects;
import io.rawpipeline.local.ObjectUploads;
import io.rawpipeline.local.pipeline.Landing;
import io.rawpipeline.local.pipeline.LocalPipeline;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * {@code pipeline bench sink}: the warehouse sink alone. Each round parses generated CloudFront and ALB objects with
 * the sink stopped, so their rows wait in the parsed topics; reads them once with a plain consumer (the ceiling:
 * what the broker hands out); then starts the sink with one task and times it from RUNNING until its committed
 * offsets (which DuckDB holds, in the rows' transaction) pass the last row, from the moment its consumer has its
 * partitions.
 */
public final class SinkBench {

    static final double ROWS_PER_SECOND_TARGET = 150_000;

    private static final List<String> TABLES = List.of(LogObjects.CLOUDFRONT_TABLE, LogObjects.ALB_TABLE);
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    /**
     * Uncompressed MB a round and an object, timed rounds, MB of the untimed warm-up, the data folder, the plugins,
     * and settings of the sink connector for the run.
     */
    public record Settings(long mb, long objectMb, int rounds, long warmupMb, Path dataDir, Path pluginPath,
            Map<String, String> sinkSettings) {
    }

    private record Round(String name, long rows, double seconds, double ceilingSeconds, double cpuSeconds) {
    }

    private final Settings settings;
    private int nextObject;

    public SinkBench(Settings settings) {
        this.settings = settings;
    }

    public BenchResult run(PrintWriter out, PrintWriter progress) throws Exception {
        BenchEnvironment.print(out);
        out.println("Sink:    the warehouse sink connector, tasks.max=1" + (settings.sinkSettings().isEmpty() ? ""
                : ", " + settings.sinkSettings()));
        out.flush();
        try (LocalPipeline pipeline = BenchPipeline.start(settings.dataDir(), settings.pluginPath(), progress)) {
            if (settings.warmupMb() > 0) {
                round(pipeline, "warm-up", settings.warmupMb(), progress);
            }
            List<Round> timed = new ArrayList<>();
            for (int round = 1; round <= settings.rounds(); round++) {
                timed.add(round(pipeline, "round " + round, settings.mb(), progress));
            }
            BenchResult result = report(out, timed, pipeline.registryPid());
            progress.println("stopping");
            progress.flush();
            return result;
        }
    }

    private Round round(LocalPipeline pipeline, String name, long megabytes, PrintWriter progress) throws Exception {
        pipeline.stopSink();
        List<LogObject> objects = LogObjects.generate(megabytes * 1_000_000L, settings.objectMb() * 1_000_000L,
                nextObject);
        nextObject += objects.size();
        Map<String, Long> expected = new HashMap<>();
        objects.forEach(object -> expected.merge(object.table(), object.rows(), Long::sum));
        long rows = expected.values().stream().mapToLong(Long::longValue).sum();
        Map<TopicPartition, Long> from = Landing.endOffsets(pipeline.bootstrapServers(), TABLES);
        try (ObjectUploads uploads = pipeline.uploads()) {
            objects.forEach(object -> uploads.put(object.bucket(), object.key(), object.gzip()));
        }
        // parsed, not landed: the sink is stopped
        Landing.await(pipeline.bootstrapServers(), expected, from, List.of(), LocalPipeline.SINK_GROUP, TIMEOUT,
                line -> progress(progress, line));
        double ceilingSeconds = readAll(pipeline.bootstrapServers(), from, rows);

        long cpuStart = BenchEnvironment.processCpuNanos();
        Map<String, String> sinkSettings = new HashMap<>(settings.sinkSettings());
        sinkSettings.put("tasks.max", "1");
        pipeline.startSink(sinkSettings);
        // from the moment its consumer has its partitions: the group's join (3 s of initial rebalance delay on a
        // new group) is not the sink's work
        awaitAssigned(pipeline);
        long start = System.nanoTime();
        Landing.await(pipeline.bootstrapServers(), expected, from, TABLES, LocalPipeline.SINK_GROUP, TIMEOUT,
                line -> progress(progress, line));
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (BenchEnvironment.processCpuNanos() - cpuStart) / 1e9;
        progress(progress, String.format(Locale.ROOT, "%s: %,d rows landed in %.2f s", name, rows, seconds));
        return new Round(name, rows, seconds, ceilingSeconds, cpuSeconds);
    }

    private static void awaitAssigned(LocalPipeline pipeline) throws Exception {
        try (Admin admin = pipeline.admin()) {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(LocalPipeline.SINK_GROUP))
                        .all().get().get(LocalPipeline.SINK_GROUP);
                if (group.groupState() == GroupState.STABLE && group.members().stream()
                        .anyMatch(member -> !member.assignment().topicPartitions().isEmpty())) {
                    return;
                }
                Thread.sleep(20);
            }
            throw new TimeoutException("The sink's consumer had no partitions after " + TIMEOUT);
        }
    }

    /** Seconds a plain read_committed consumer takes to read the round's {@code rows} records. */
    private static double readAll(String bootstrapServers, Map<TopicPartition, Long> from, long rows) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
                bootstrapServers, "isolation.level", "read_committed", "max.poll.records", "10000",
                "enable.auto.commit", "false"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            long read = 0;
            long start = System.nanoTime();
            long deadline = start + TIMEOUT.toNanos();
            while (read < rows && System.nanoTime() < deadline) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
                read += records.count();
            }
            return (System.nanoTime() - start) / 1e9;
        }
    }

    private static void progress(PrintWriter progress, String line) {
        progress.println(line);
        progress.flush();
    }

    private static BenchResult report(PrintWriter out, List<Round> rounds, long registryPid) {
        out.println();
        out.printf(Locale.ROOT, "%-10s %10s %9s %12s %16s %7s %10s%n", "round", "rows", "seconds", "rows/s",
                "ceiling rows/s", "ratio", "CPU cores");
        List<Double> perSecond = new ArrayList<>();
        for (Round round : rounds) {
            double rate = round.rows() / round.seconds();
            double ceiling = round.rows() / round.ceilingSeconds();
            perSecond.add(rate);
            out.printf(Locale.ROOT, "%-10s %,10d %9.2f %,12.0f %,16.0f %6.2fx %10.2f%n", round.name(), round.rows(),
                    round.seconds(), rate, ceiling, rate / ceiling, round.cpuSeconds() / round.seconds());
        }
        out.println("(from the task's consumer getting its partitions until its committed offsets, which DuckDB holds "
                + "with the rows, pass the last row; ceiling: a plain consumer's read of the same records; CPU: this "
                + "JVM, everything but the registry)");
        List<Double> ceilings = rounds.stream().map(round -> round.rows() / round.ceilingSeconds()).toList();
        out.flush();
        return new BenchResult("bench sink", List.of(
                Figure.ofAtLeast("warehouse sink, one task", "rows/s", perSecond, ROWS_PER_SECOND_TARGET)
                        .against(BenchResult.median(ceilings))),
                BenchEnvironment.peakRssBytes(registryPid), "this JVM and the registry process");
    }
}
