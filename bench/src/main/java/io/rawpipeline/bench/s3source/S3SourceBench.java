package io.rawpipeline.bench.s3source;

import io.rawpipeline.bench.BenchEnvironment;
import io.rawpipeline.bench.BenchResult;
import io.rawpipeline.bench.LogObject;
import io.rawpipeline.bench.LogObjects;
import io.rawpipeline.bench.ProducerPerformanceCeiling;
import io.rawpipeline.bench.ProducerPerformanceSummary;
import io.rawpipeline.local.ObjectUploads;
import io.rawpipeline.local.pipeline.LogFile;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeoutException;

/**
 * {@code pipeline bench s3-source}: gzip CloudFront and ALB objects announced on SQS, read by the S3 source connector
 * on an exactly-once Connect worker, timed from the first notification until the last line is readable with
 * {@code read_committed}; then Kafka's {@code ProducerPerformance} on the same broker as the ceiling.
 */
public final class S3SourceBench {

    private static final String CEILING_TOPIC = "ceiling";

    /**
     * The run's size and the connector's settings: uncompressed MB a round and an object, tasks.max,
     * batch.max.lines, sqs.max.messages, producer overrides, the ceiling's records, timed rounds, the warm-up's MB,
     * the longest wait for a round, and the file the parts log to.
     */
    public record Settings(long mb, long objectMb, int tasks, int batchLines, int maxMessages,
            Map<String, String> producerOverrides, long ceilingRecords, int rounds, long warmupMb,
            long timeoutSeconds, Path logFile) {
    }

    private final Settings settings;

    public S3SourceBench(Settings settings) {
        this.settings = settings;
    }

    /** The report to {@code out}, progress to {@code progress}; fails when a round is not committed in time. */
    public BenchResult run(PrintWriter out, PrintWriter progress) throws Exception {
        BenchEnvironment.print(out);
        out.flush();
        Files.createDirectories(settings.logFile().getParent());
        LogFile.redirectTo(settings.logFile());
        progress.println("logs in " + settings.logFile());

        try (S3SourceBenchStack stack = startQuietly()) {
            stack.createTopic(CEILING_TOPIC);
            stack.deploy(settings.tasks(), settings.batchLines(), settings.maxMessages(),
                    settings.producerOverrides());
            progress.printf(Locale.ROOT, "S3Proxy, ElasticMQ, Kafka and the connector (%d task(s)) are running%n",
                    settings.tasks());
            progress.flush();

            // every round has objects of its own: the same key and ETag again would be found already ingested
            int nextObject = 0;
            if (settings.warmupMb() > 0) {
                List<LogObject> objects = generate(settings.warmupMb(), nextObject, "warm-up", progress);
                nextObject += objects.size();
                run(stack, objects, "warm-up", progress);
            }
            List<S3SourceRound> timed = new ArrayList<>();
            for (int round = 1; round <= settings.rounds(); round++) {
                List<LogObject> objects = generate(settings.mb(), nextObject, "round " + round, progress);
                nextObject += objects.size();
                timed.add(run(stack, objects, "round " + round, progress));
            }
            stack.undeploy();

            progress.printf(Locale.ROOT, "ceiling: ProducerPerformance %s%n", String.join(" ",
                    ProducerPerformanceCeiling.arguments(stack.bootstrapServers(), CEILING_TOPIC,
                            settings.ceilingRecords())));
            progress.flush();
            long ceilingCpuStart = BenchEnvironment.processCpuNanos();
            long ceilingStart = System.nanoTime();
            ProducerPerformanceSummary ceiling = ProducerPerformanceCeiling.run(stack.bootstrapServers(),
                    CEILING_TOPIC, settings.ceilingRecords(), System.err);
            S3SourceRound.Phase ceilingPhase = new S3SourceRound.Phase((System.nanoTime() - ceilingStart) / 1e9,
                    (BenchEnvironment.processCpuNanos() - ceilingCpuStart) / 1e9);

            out.println();
            String overrides = settings.producerOverrides().isEmpty() ? "" : settings.producerOverrides().toString();
            BenchResult result = S3SourceBenchReport.print(out, new S3SourceBenchReport.Setup(settings.tasks(), settings.batchLines(),
                    settings.maxMessages(), overrides), timed, ceiling, ceilingPhase);
            progress.println("stopping");
            progress.flush();
            return result;
        }
    }

    private List<LogObject> generate(long megabytes, int firstObject, String name, PrintWriter progress) {
        long started = System.nanoTime();
        List<LogObject> objects = LogObjects.generate(megabytes * 1_000_000L, settings.objectMb() * 1_000_000L,
                firstObject);
        progress.printf(Locale.ROOT, "%s: generated %d gzip objects, %,d lines, in %.1f s%n", name, objects.size(),
                objects.stream().mapToLong(LogObject::lines).sum(), (System.nanoTime() - started) / 1e9);
        progress.flush();
        return objects;
    }

    /** Uploads the objects and waits until all their lines are committed; fails when they are not, in time. */
    private S3SourceRound run(S3SourceBenchStack stack, List<LogObject> objects, String name, PrintWriter progress)
            throws Exception {
        long lines = objects.stream().mapToLong(LogObject::lines).sum();
        CommittedLineCounter counter = new CommittedLineCounter(stack.bootstrapServers(),
                List.of(LogObjects.CLOUDFRONT_TOPIC, LogObjects.ALB_TOPIC), S3SourceBenchStack.ERROR_TOPIC, lines,
                Duration.ofSeconds(settings.timeoutSeconds()), Duration.ofSeconds(60));
        FutureTask<CommittedLineCounter.Counted> counting = new FutureTask<>(counter);
        Thread countingThread = new Thread(counting, "bench-committed-line-counter");
        countingThread.setDaemon(true);
        countingThread.start();
        while (!counter.ready()) {
            Thread.sleep(10);
        }

        long cpuStart = BenchEnvironment.processCpuNanos();
        long firstNotification = 0;
        long cpuAtFirstNotification = 0;
        long uploadStart = System.nanoTime();
        try (ObjectUploads uploads = stack.uploads()) {
            for (LogObject object : objects) {
                uploads.put(object.bucket(), object.key(), object.gzip());
                if (firstNotification == 0) {
                    firstNotification = System.nanoTime();
                    cpuAtFirstNotification = BenchEnvironment.processCpuNanos();
                }
            }
        }
        S3SourceRound.Phase upload = new S3SourceRound.Phase((System.nanoTime() - uploadStart) / 1e9,
                (BenchEnvironment.processCpuNanos() - cpuStart) / 1e9);
        progress.printf(Locale.ROOT, "%s: uploaded %d objects with their notifications in %.2f s; waiting for the "
                + "lines to be committed%n", name, objects.size(), upload.seconds());
        progress.flush();

        CommittedLineCounter.Counted counted = counting.get();
        S3SourceRound.Phase connector = new S3SourceRound.Phase((counted.lastLineNanos() - firstNotification) / 1e9,
                (BenchEnvironment.processCpuNanos() - cpuAtFirstNotification) / 1e9);
        if (!counted.complete()) {
            throw new TimeoutException(String.format(Locale.ROOT, "%s: only %,d of %,d lines were committed in %d s "
                    + "(%,d error records)", name, counted.lines(), lines, settings.timeoutSeconds(), counted.errors()));
        }
        progress.printf(Locale.ROOT, "%s: %,d lines committed %.2f s after the first notification: %,.0f lines/s%n",
                name, counted.lines(), connector.seconds(), counted.lines() / connector.seconds());
        progress.flush();
        return new S3SourceRound(objects, upload, counted, connector);
    }

    /** Starts the stack with System.out silenced: formatting the test broker's storage prints to stdout. */
    private static S3SourceBenchStack startQuietly() throws Exception {
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            return S3SourceBenchStack.start();
        } finally {
            System.setOut(stdout);
        }
    }

}
