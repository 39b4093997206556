package io.rawpipeline.cli.bench;

import io.rawpipeline.local.ObjectUploads;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pipeline bench s3-source}: gzip CloudFront and ALB objects announced on SQS, read by the S3 source connector
 * on an exactly-once Connect worker, timed from the first notification until the last line is readable with
 * {@code read_committed}; then Kafka's {@code ProducerPerformance} on the same broker as the ceiling.
 */
@Command(name = "s3-source", mixinStandardHelpOptions = true,
        description = "Benchmarks the S3 source connector (notification to committed raw records) against Kafka's "
                + "ProducerPerformance on the same broker, all in this JVM.")
public final class BenchS3SourceCommand implements Callable<Integer> {

    private static final String CEILING_TOPIC = "ceiling";

    @Spec
    private CommandSpec spec;

    @Option(names = "--mb", defaultValue = "200",
            description = "Uncompressed MB (10^6 bytes) of log lines to upload. Default: ${DEFAULT-VALUE}.")
    private long mb;

    @Option(names = "--object-mb", defaultValue = "20",
            description = "Uncompressed MB of each object before gzip. Default: ${DEFAULT-VALUE}.")
    private long objectMb;

    @Option(names = "--tasks", defaultValue = "1", description = "The connector's tasks.max. Default: ${DEFAULT-VALUE}.")
    private int tasks;

    @Option(names = "--batch-lines", defaultValue = "5000",
            description = "The connector's batch.max.lines (lines per poll and transaction). Default: ${DEFAULT-VALUE}.")
    private int batchLines;

    @Option(names = "--sqs-max-messages", defaultValue = "10",
            description = "The connector's sqs.max.messages; with several tasks, 1 spreads the objects over them. "
                    + "Default: ${DEFAULT-VALUE}.")
    private int maxMessages;

    @Option(names = "--producer-override", paramLabel = "KEY=VALUE", mapFallbackValue = "",
            description = "A producer setting of the connector's tasks (producer.override.KEY), e.g. linger.ms=20.")
    private Map<String, String> producerOverrides = new LinkedHashMap<>();

    @Option(names = "--ceiling-records", defaultValue = "1000000",
            description = "Records ProducerPerformance sends for the ceiling. Default: ${DEFAULT-VALUE}.")
    private long ceilingRecords;

    @Option(names = "--rounds", defaultValue = "3",
            description = "Timed rounds, each with --mb of new objects; the median round is judged. "
                    + "Default: ${DEFAULT-VALUE}.")
    private int rounds;

    @Option(names = "--warmup-mb", defaultValue = "40",
            description = "Uncompressed MB of an untimed first round, so the JIT compiler has done its work before "
                    + "the timed rounds; 0 for none. Default: ${DEFAULT-VALUE}.")
    private long warmupMb;

    @Option(names = "--timeout-seconds", defaultValue = "600",
            description = "Longest wait for a round's lines to be committed. Default: ${DEFAULT-VALUE}.")
    private long timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        if (mb < 1 || objectMb < 1 || tasks < 1 || batchLines < 1 || ceilingRecords < 1 || timeoutSeconds < 1
                || rounds < 1 || warmupMb < 0 || maxMessages < 1 || maxMessages > 10) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--mb, --object-mb, --tasks, --batch-lines, --rounds, --ceiling-records and --timeout-seconds "
                            + "must be positive, --warmup-mb not negative, --sqs-max-messages between 1 and 10");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter progress = spec.commandLine().getErr();
        BenchReport.printEnvironment(out);
        out.flush();

        try (S3SourceBenchStack stack = startQuietly()) {
            stack.createTopic(CEILING_TOPIC);
            stack.deploy(tasks, batchLines, maxMessages, producerOverrides);
            progress.printf(Locale.ROOT, "S3Proxy, ElasticMQ, Kafka and the connector (%d task(s)) are running%n",
                    tasks);
            progress.flush();

            // every round has objects of its own: the same key and ETag again would be found already ingested
            int nextObject = 0;
            if (warmupMb > 0) {
                List<LogObject> objects = generate(warmupMb, nextObject, "warm-up", progress);
                nextObject += objects.size();
                if (run(stack, objects, "warm-up", progress) == null) {
                    return 1;
                }
            }
            List<S3SourceRound> timed = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                List<LogObject> objects = generate(mb, nextObject, "round " + round, progress);
                nextObject += objects.size();
                S3SourceRound result = run(stack, objects, "round " + round, progress);
                if (result == null) {
                    return 1;
                }
                timed.add(result);
            }
            stack.undeploy();

            progress.printf(Locale.ROOT, "ceiling: ProducerPerformance %s%n", String.join(" ",
                    ProducerPerformanceCeiling.arguments(stack.bootstrapServers(), CEILING_TOPIC, ceilingRecords)));
            progress.flush();
            long ceilingCpuStart = processCpuNanos();
            long ceilingStart = System.nanoTime();
            ProducerPerformanceSummary ceiling = ProducerPerformanceCeiling.run(stack.bootstrapServers(),
                    CEILING_TOPIC, ceilingRecords, System.err);
            S3SourceRound.Phase ceilingPhase = new S3SourceRound.Phase((System.nanoTime() - ceilingStart) / 1e9,
                    (processCpuNanos() - ceilingCpuStart) / 1e9);

            out.println();
            S3SourceBenchReport.print(out, new S3SourceBenchReport.Setup(tasks, batchLines, maxMessages,
                    producerOverrides.isEmpty() ? "" : producerOverrides.toString()), timed, ceiling, ceilingPhase);
            progress.println("stopping");
            progress.flush();
        }
        return 0;
    }

    private List<LogObject> generate(long megabytes, int firstObject, String name, PrintWriter progress) {
        long started = System.nanoTime();
        List<LogObject> objects = LogObjects.generate(megabytes * 1_000_000L, objectMb * 1_000_000L, firstObject);
        progress.printf(Locale.ROOT, "%s: generated %d gzip objects, %,d lines, in %.1f s%n", name, objects.size(),
                objects.stream().mapToLong(LogObject::lines).sum(), (System.nanoTime() - started) / 1e9);
        progress.flush();
        return objects;
    }

    /** Uploads the objects and waits until all their lines are committed; null when they were not, in time. */
    private S3SourceRound run(S3SourceBenchStack stack, List<LogObject> objects, String name, PrintWriter progress)
            throws Exception {
        long lines = objects.stream().mapToLong(LogObject::lines).sum();
        CommittedLineCounter counter = new CommittedLineCounter(stack.bootstrapServers(),
                List.of(LogObjects.CLOUDFRONT_TOPIC, LogObjects.ALB_TOPIC), S3SourceBenchStack.ERROR_TOPIC, lines,
                Duration.ofSeconds(timeoutSeconds), Duration.ofSeconds(60));
        FutureTask<CommittedLineCounter.Counted> counting = new FutureTask<>(counter);
        Thread countingThread = new Thread(counting, "bench-committed-line-counter");
        countingThread.setDaemon(true);
        countingThread.start();
        while (!counter.ready()) {
            Thread.sleep(10);
        }

        long cpuStart = processCpuNanos();
        long firstNotification = 0;
        long cpuAtFirstNotification = 0;
        long uploadStart = System.nanoTime();
        try (ObjectUploads uploads = stack.uploads()) {
            for (LogObject object : objects) {
                uploads.put(object.bucket(), object.key(), object.gzip());
                if (firstNotification == 0) {
                    firstNotification = System.nanoTime();
                    cpuAtFirstNotification = processCpuNanos();
                }
            }
        }
        S3SourceRound.Phase upload = new S3SourceRound.Phase((System.nanoTime() - uploadStart) / 1e9,
                (processCpuNanos() - cpuStart) / 1e9);
        progress.printf(Locale.ROOT, "%s: uploaded %d objects with their notifications in %.2f s; waiting for the "
                + "lines to be committed%n", name, objects.size(), upload.seconds());
        progress.flush();

        CommittedLineCounter.Counted counted = counting.get();
        S3SourceRound.Phase connector = new S3SourceRound.Phase((counted.lastLineNanos() - firstNotification) / 1e9,
                (processCpuNanos() - cpuAtFirstNotification) / 1e9);
        if (!counted.complete()) {
            progress.printf(Locale.ROOT, "%s: only %,d of %,d lines were committed (%,d error records); giving up%n",
                    name, counted.lines(), lines, counted.errors());
            progress.flush();
            return null;
        }
        progress.printf(Locale.ROOT, "%s: %,d lines committed %.2f s after the first notification: %,.0f lines/s%n",
                name, counted.lines(), connector.seconds(), counted.lines() / connector.seconds());
        progress.flush();
        return new S3SourceRound(objects, upload, counted, connector);
    }

    /** Starts the stack with System.out pointing at stderr: formatting the broker's storage prints to stdout. */
    private static S3SourceBenchStack startQuietly() throws Exception {
        PrintStream stdout = System.out;
        System.setOut(System.err);
        try {
            return S3SourceBenchStack.start();
        } finally {
            System.setOut(stdout);
        }
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
