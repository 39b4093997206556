package io.rawpipeline.bench.e2e;

import io.rawpipeline.bench.BenchEnvironment;
import io.rawpipeline.bench.BenchPipeline;
import io.rawpipeline.bench.BenchResult;
import io.rawpipeline.bench.BenchResult.Figure;
import io.rawpipeline.bench.LogObject;
import io.rawpipeline.bench.LogObjects;
import io.rawpipeline.bench.ProducerPerformanceCeiling;
import io.rawpipeline.bench.ProducerPerformanceSummary;
import io.rawpipeline.local.ObjectUploads;
import io.rawpipeline.local.pipeline.Landing;
import io.rawpipeline.local.pipeline.LocalPipeline;
import io.rawpipeline.local.pipeline.Warehouse;
import io.rawpipeline.local.samples.AlbLogGenerator;
import io.rawpipeline.local.samples.CloudFrontLogGenerator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;

/**
 * {@code pipeline bench e2e}: lines/s from notification to committed warehouse row through the whole local pipeline,
 * freshness at a steady moderate rate, and Kafka's ProducerPerformance on the same broker as the ceiling.
 */
public final class EndToEndBench {

    static final double THROUGHPUT_TARGET_RATIO = 0.5;
    static final long FRESHNESS_P99_TARGET_MILLIS = 2_000;

    private static final List<String> TABLES = List.of(LogObjects.CLOUDFRONT_TABLE, LogObjects.ALB_TABLE);
    private static final String CEILING_TOPIC = "ceiling";

    /**
     * Uncompressed MB a timed round uploads at once and MB an object, timed rounds, MB of the untimed warm-up, lines/s
     * and seconds of the steady phase, the ceiling's records, the data folder (emptied first) and the plugin path.
     */
    public record Settings(long mb, long objectMb, int rounds, long warmupMb, int rate, int steadySeconds,
            long ceilingRecords, Path dataDir, Path pluginPath) {
    }

    private final Settings settings;

    public EndToEndBench(Settings settings) {
        this.settings = settings;
    }

    /** One burst: its objects' rows, and when its first notification went out. */
    private record Round(String name, long rows, long firstNotifiedMillis, List<String> files, double cpuSeconds) {
    }

    private final Map<String, Long> notifiedAt = new HashMap<>();
    private int nextObject;

    /** Runs the rounds, the steady phase and the ceiling: the report to {@code out}, progress to {@code progress}. */
    public BenchResult run(PrintWriter out, PrintWriter progress) throws Exception {
        BenchEnvironment.print(out);
        out.flush();
        try (LocalPipeline pipeline = BenchPipeline.start(settings.dataDir(), settings.pluginPath(), progress)) {
            try (Admin admin = pipeline.admin()) {
                admin.createTopics(List.of(new NewTopic(CEILING_TOPIC, Optional.of(1), Optional.empty())))
                        .all().get();
            }
            if (settings.warmupMb() > 0) {
                burst(pipeline, "warm-up", settings.warmupMb(), progress);
            }
            List<Round> timed = new ArrayList<>();
            for (int round = 1; round <= settings.rounds(); round++) {
                timed.add(burst(pipeline, "round " + round, settings.mb(), progress));
            }
            List<String> steadyFiles = steady(pipeline, progress);

            pipeline.stopConnectWorker(); // the sink lets go of the DuckDB file
            List<Warehouse.LandedRow> rows = new ArrayList<>();
            try (Warehouse warehouse = Warehouse.open(pipeline.warehouseFile())) {
                rows.addAll(warehouse.landedRows("DIAGNOSTICS.LOG_ENTRIES"));
                rows.addAll(warehouse.landedRows("PUSH_PROXY.LOGS_US_NEW"));
            }

            progress.printf(Locale.ROOT, "ceiling: ProducerPerformance %s%n", String.join(" ",
                    ProducerPerformanceCeiling.arguments(pipeline.bootstrapServers(), CEILING_TOPIC,
                            settings.ceilingRecords())));
            progress.flush();
            ProducerPerformanceSummary ceiling = ProducerPerformanceCeiling.run(pipeline.bootstrapServers(),
                    CEILING_TOPIC, settings.ceilingRecords(), System.err);
            BenchResult result = report(out, timed, rows, steadyFiles, ceiling, pipeline.registryPid());
            progress.println("stopping");
            progress.flush();
            return result;
        }
    }

    /** Uploads {@code megabytes} of objects at once and waits until every row has landed. */
    private Round burst(LocalPipeline pipeline, String name, long megabytes, PrintWriter progress) throws Exception {
        List<LogObject> objects = LogObjects.generate(megabytes * 1_000_000L, settings.objectMb() * 1_000_000L,
                nextObject);
        nextObject += objects.size();
        Map<TopicPartition, Long> start = Landing.endOffsets(pipeline.bootstrapServers(), TABLES);
        long cpuStart = BenchEnvironment.processCpuNanos();
        long first = upload(pipeline, objects);
        long rows = awaitLanded(pipeline, objects, start, progress);
        double cpuSeconds = (BenchEnvironment.processCpuNanos() - cpuStart) / 1e9;
        progress.printf(Locale.ROOT, "%s: %,d rows from %d objects landed%n", name, rows, objects.size());
        progress.flush();
        return new Round(name, rows, first, objects.stream().map(LogObject::sourceFile).toList(), cpuSeconds);
    }

    /** The steady phase: {@code rate} lines/s as an object every 100 ms; returns their source files. */
    private List<String> steady(LocalPipeline pipeline, PrintWriter progress) throws Exception {
        long linesPerObject = Math.max(1, settings.rate() / 10);
        List<LogObject> sent = new ArrayList<>();
        Map<TopicPartition, Long> from = Landing.endOffsets(pipeline.bootstrapServers(), TABLES);
        long start = System.nanoTime();
        try (ObjectUploads uploads = pipeline.uploads()) {
            for (int tick = 0; tick < settings.steadySeconds() * 10; tick++) {
                long due = start + tick * 100_000_000L;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                int index = nextObject++;
                LogObject object = index % 2 == 0
                        ? LogObjects.cloudFront(index, linesPerObject * CloudFrontLogGenerator.TYPICAL_LINE_BYTES)
                        : LogObjects.alb(index, linesPerObject * AlbLogGenerator.TYPICAL_LINE_BYTES);
                ObjectUploads.Upload upload = uploads.put(object.bucket(), object.key(), object.gzip());
                notifiedAt.put(object.sourceFile(), upload.notifiedAt().toEpochMilli());
                sent.add(object);
            }
        }
        long rows = awaitLanded(pipeline, sent, from, progress);
        progress.printf(Locale.ROOT, "steady: %,d rows from %d objects at %,d lines/s landed%n", rows, sent.size(),
                settings.rate());
        progress.flush();
        return sent.stream().map(LogObject::sourceFile).toList();
    }

    private long upload(LocalPipeline pipeline, List<LogObject> objects) {
        long first = 0;
        try (ObjectUploads uploads = pipeline.uploads()) {
            for (LogObject object : objects) {
                ObjectUploads.Upload upload = uploads.put(object.bucket(), object.key(), object.gzip());
                long at = upload.notifiedAt().toEpochMilli();
                notifiedAt.put(object.sourceFile(), at);
                first = first == 0 ? at : first;
            }
        }
        return first;
    }

    private long awaitLanded(LocalPipeline pipeline, List<LogObject> objects, Map<TopicPartition, Long> from,
            PrintWriter progress) throws Exception {
        Map<String, Long> expected = new HashMap<>();
        long rows = 0;
        for (LogObject object : objects) {
            long objectRows = object.rows();
            expected.merge(object.table(), objectRows, Long::sum);
            rows += objectRows;
        }
        Landing.await(pipeline.bootstrapServers(), expected, from, TABLES, LocalPipeline.SINK_GROUP,
                Duration.ofMinutes(10), line -> {
                    progress.println(line);
                    progress.flush();
                });
        return rows;
    }

    private BenchResult report(PrintWriter out, List<Round> rounds, List<Warehouse.LandedRow> rows,
            List<String> steadyFiles, ProducerPerformanceSummary ceiling, long registryPid) {
        Map<String, Long> lastPush = new HashMap<>();
        for (Warehouse.LandedRow row : rows) {
            lastPush.merge(row.sourceFile(), row.pushTime(), Math::max);
        }
        out.println();
        out.printf(Locale.ROOT, "%-10s %10s %12s %14s %10s%n", "burst", "rows", "seconds", "rows/s", "CPU cores");
        List<Double> perSecond = new ArrayList<>();
        for (Round round : rounds) {
            long last = round.files().stream().mapToLong(file -> lastPush.getOrDefault(file, 0L)).max().orElse(0);
            double seconds = (last - round.firstNotifiedMillis()) / 1000.0;
            perSecond.add(round.rows() / seconds);
            // CPU: this JVM (everything but the registry) from the first upload until the landing was seen
            out.printf(Locale.ROOT, "%-10s %,10d %12.2f %,14.0f %10.2f%n", round.name(), round.rows(), seconds,
                    round.rows() / seconds, round.cpuSeconds() / seconds);
        }
        out.printf(Locale.ROOT, "%-10s %10s %12s %,14.0f  (ProducerPerformance, %d B records, acks=all, one "
                + "partition)%n", "ceiling", "", "", ceiling.recordsPerSecond(),
                ProducerPerformanceCeiling.RECORD_SIZE);
        Set<String> steady = new HashSet<>(steadyFiles);
        Warehouse.Freshness freshness = Warehouse.Freshness.of(rows.stream()
                .filter(row -> steady.contains(row.sourceFile()))
                .mapToLong(row -> row.pushTime() - notifiedAt.get(row.sourceFile())).toArray());
        out.printf(Locale.ROOT, "freshness at %,d lines/s (%,d rows): p50 %.2f s, p99 %.2f s%n", settings.rate(),
                freshness.rows(), freshness.p50Millis() / 1000.0, freshness.p99Millis() / 1000.0);
        out.println("(freshness: from an object's notification to the push of each of its rows to DuckDB, "
                + "whose transaction commits right after)");
        out.flush();
        return new BenchResult("bench e2e", List.of(
                Figure.ofRatio("end to end, object to row", "rows/s", perSecond,
                        ceiling.recordsPerSecond(), THROUGHPUT_TARGET_RATIO),
                Figure.ofAtMost("freshness p99 at " + settings.rate() + " lines/s", "s",
                        List.of(freshness.p99Millis() / 1000.0), FRESHNESS_P99_TARGET_MILLIS / 1000.0)),
                BenchEnvironment.peakRssBytes(registryPid), "this JVM and the registry process");
    }
}
