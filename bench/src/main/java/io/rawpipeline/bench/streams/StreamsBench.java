package io.rawpipeline.bench.streams;

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
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;

/**
 * {@code pipeline bench streams}: the parse app alone, exactly once. Each round lets the S3 source write generated
 * CloudFront and ALB objects into the raw topics while the parse app is stopped (the sink stays stopped throughout),
 * then starts the parse app and times it from RUNNING until the parsed topics hold every row (read_committed). The
 * ceiling is Kafka's ProducerPerformance on the same broker with records of the raw lines' average size.
 */
public final class StreamsBench {

    static final double RATIO_TARGET = 0.5;

    private static final List<String> RAW_TOPICS = List.of(LogObjects.CLOUDFRONT_TOPIC, LogObjects.ALB_TOPIC);
    private static final List<String> TABLES = List.of(LogObjects.CLOUDFRONT_TABLE, LogObjects.ALB_TABLE);
    private static final String CEILING_TOPIC = "ceiling";
    private static final long CEILING_MIN_RECORDS = 1_000_000;
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    /**
     * Uncompressed MB a round and an object, timed rounds, MB of the untimed warm-up, the data folder, the plugins,
     * and settings of the parse app for the run.
     */
    public record Settings(long mb, long objectMb, int rounds, long warmupMb, Path dataDir, Path pluginPath,
            Map<String, String> streamsSettings) {
    }

    private record Round(String name, long lines, long rows, long bytes, double seconds, double cpuSeconds) {
    }

    private final Settings settings;
    private int nextObject;

    public StreamsBench(Settings settings) {
        this.settings = settings;
    }

    public BenchResult run(PrintWriter out, PrintWriter progress) throws Exception {
        BenchEnvironment.print(out);
        out.println("Parse app: one stream thread, exactly once" + (settings.streamsSettings().isEmpty() ? ""
                : ", " + settings.streamsSettings()));
        out.flush();
        try (LocalPipeline pipeline = BenchPipeline.start(settings.dataDir(), settings.pluginPath(), progress)) {
            pipeline.stopSink();
            try (Admin admin = pipeline.admin()) {
                admin.createTopics(List.of(new NewTopic(CEILING_TOPIC, Optional.of(1), Optional.empty())))
                        .all().get();
            }
            if (settings.warmupMb() > 0) {
                round(pipeline, "warm-up", settings.warmupMb(), progress);
            }
            List<Round> timed = new ArrayList<>();
            for (int round = 1; round <= settings.rounds(); round++) {
                timed.add(round(pipeline, "round " + round, settings.mb(), progress));
            }
            long lines = timed.stream().mapToLong(Round::lines).sum();
            int recordSize = (int) (timed.stream().mapToLong(Round::bytes).sum() / lines);
            // a short run of ProducerPerformance measures its own warm-up: at least a million records
            long ceilingRecords = Math.max(CEILING_MIN_RECORDS, timed.get(0).lines());
            progress(progress, String.format(Locale.ROOT, "ceiling: ProducerPerformance %s", String.join(" ",
                    ProducerPerformanceCeiling.arguments(pipeline.bootstrapServers(), CEILING_TOPIC, ceilingRecords,
                            recordSize))));
            ProducerPerformanceSummary ceiling = ProducerPerformanceCeiling.run(pipeline.bootstrapServers(),
                    CEILING_TOPIC, ceilingRecords, recordSize, System.err);
            BenchResult result = report(out, timed, ceiling, recordSize, pipeline.registryPid());
            progress(progress, "stopping");
            return result;
        }
    }

    private Round round(LocalPipeline pipeline, String name, long megabytes, PrintWriter progress) throws Exception {
        pipeline.stopParseApp();
        List<LogObject> objects = LogObjects.generate(megabytes * 1_000_000L, settings.objectMb() * 1_000_000L,
                nextObject);
        nextObject += objects.size();
        Map<String, Long> raw = new HashMap<>();
        Map<String, Long> parsed = new HashMap<>();
        for (LogObject object : objects) {
            raw.merge(object.topic(), object.lines(), Long::sum);
            parsed.merge(object.table(), object.rows(), Long::sum);
        }
        long lines = raw.values().stream().mapToLong(Long::longValue).sum();
        long rows = parsed.values().stream().mapToLong(Long::longValue).sum();
        long bytes = objects.stream().mapToLong(LogObject::bytes).sum();
        Map<TopicPartition, Long> rawFrom = Landing.endOffsets(pipeline.bootstrapServers(), RAW_TOPICS);
        Map<TopicPartition, Long> parsedFrom = Landing.endOffsets(pipeline.bootstrapServers(), TABLES);
        try (ObjectUploads uploads = pipeline.uploads()) {
            objects.forEach(object -> uploads.put(object.bucket(), object.key(), object.gzip()));
        }
        // the S3 source writes the raw lines; nothing parses them yet
        Landing.await(pipeline.bootstrapServers(), raw, rawFrom, List.of(), LocalPipeline.SINK_GROUP, TIMEOUT,
                line -> { });

        pipeline.startParseApp(settings.streamsSettings());
        long cpuStart = BenchEnvironment.processCpuNanos();
        long start = System.nanoTime();
        Landing.await(pipeline.bootstrapServers(), parsed, parsedFrom, List.of(), LocalPipeline.SINK_GROUP, TIMEOUT,
                line -> progress(progress, line));
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (BenchEnvironment.processCpuNanos() - cpuStart) / 1e9;
        progress(progress, String.format(Locale.ROOT, "%s: %,d lines parsed into %,d rows in %.2f s", name, lines,
                rows, seconds));
        return new Round(name, lines, rows, bytes, seconds, cpuSeconds);
    }

    private static void progress(PrintWriter progress, String line) {
        progress.println(line);
        progress.flush();
    }

    private static BenchResult report(PrintWriter out, List<Round> rounds, ProducerPerformanceSummary ceiling,
            int recordSize, long registryPid) {
        out.println();
        out.printf(Locale.ROOT, "%-10s %10s %9s %12s %10s%n", "round", "lines", "seconds", "lines/s", "CPU cores");
        List<Double> perSecond = new ArrayList<>();
        for (Round round : rounds) {
            perSecond.add(round.lines() / round.seconds());
            out.printf(Locale.ROOT, "%-10s %,10d %9.2f %,12.0f %10.2f%n", round.name(), round.lines(),
                    round.seconds(), round.lines() / round.seconds(), round.cpuSeconds() / round.seconds());
        }
        out.printf(Locale.ROOT, "%-10s %10s %9s %,12.0f  (ProducerPerformance, %d B records: the raw lines' "
                + "average, acks=all, one partition)%n", "ceiling", "", "", ceiling.recordsPerSecond(), recordSize);
        out.println("(from the parse app RUNNING until every row is readable read_committed; CPU: this JVM, "
                + "everything but the registry)");
        out.flush();
        return new BenchResult("bench streams", List.of(Figure.ofRatio("parse app, one stream thread, exactly once",
                "lines/s", perSecond, ceiling.recordsPerSecond(), RATIO_TARGET)),
                BenchEnvironment.peakRssBytes(registryPid), "this JVM and the registry process");
    }
}
