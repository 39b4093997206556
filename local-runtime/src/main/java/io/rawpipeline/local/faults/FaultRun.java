package io.rawpipeline.local.faults;

import io.rawpipeline.connect.s3.config.ReadingConfig;
import io.rawpipeline.local.NetworkNamespace;
import io.rawpipeline.local.faults.ProcessPipeline.Part;
import io.rawpipeline.local.pipeline.Landing;
import io.rawpipeline.local.pipeline.LocalPipeline;
import io.rawpipeline.local.pipeline.LogFile;
import io.rawpipeline.local.pipeline.Warehouse;
import io.rawpipeline.local.samples.SampleObjects;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * Runs the pipeline as separate processes under steady load, injects faults one at a time at random moments (a
 * SIGKILL of a part, a clean stop of each, the registry down, a part cut off the network), then checks the
 * warehouse and the topics against what was sent: every line and acknowledged ping exactly once, the planted bad
 * lines and only those dead-lettered.
 */
public final class FaultRun {

    /**
     * @param kills          SIGKILLs of the broker, the Connect worker, the parse app and the gateway, each four
     *                       kills each part once in a random order
     * @param partitions     times a part (broker and registry in turn) is cut off the network; needs root
     * @param partitionTime  how long each partition lasts
     * @param registryOutage how long the registry is down (its process gone); zero for none
     * @param seed           chooses the parts and moments: the same seed, the same faults in the same order
     * @param linesPerObject good lines of each object of the load (six objects every 2 s)
     */
    public record Options(int kills, int partitions, Duration partitionTime, Duration registryOutage, long seed,
            int linesPerObject, Path dataDir, Path pluginPath) {
    }

    private static final Duration CATCH_UP_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration LANDING_TIMEOUT = Duration.ofMinutes(10);

    private final Options options;
    private final Consumer<String> progress;
    private final Random random;

    public FaultRun(Options options, Consumer<String> progress) {
        this.options = options;
        this.progress = progress;
        this.random = new Random(options.seed());
    }

    private enum Kind { KILL, STOP, REGISTRY_OUTAGE, PARTITION }

    /** One fault to inject: the part it kills or stops, or the host (broker or registry) it cuts off. */
    private record Planned(Kind kind, Part part, String host) {

        String describe() {
            return switch (kind) {
                case KILL -> "SIGKILL " + part.label;
                case STOP -> "SIGTERM " + part.label;
                case REGISTRY_OUTAGE -> "registry down";
                case PARTITION -> host + " cut off the network";
            };
        }
    }

    public FaultReport run() throws Exception {
        if (options.partitions() > 0 && !NetworkNamespace.available()) {
            throw new IllegalStateException("--partitions needs network namespaces (root and iproute2's ip); "
                    + "run with --partitions 0 here");
        }
        List<Planned> plan = plan();
        LocalPipeline.deleteData(options.dataDir());
        Files.createDirectories(options.dataDir().resolve("logs"));
        // the clients here warn at every refused connection, which is what faults are made of
        LogFile.redirectTo(options.dataDir().resolve("logs/pipeline.log"));
        progress.accept("Starting every part as its own process in " + options.dataDir() + " ...");
        FaultReport report = new FaultReport();
        try (ProcessPipeline pipeline = ProcessPipeline.start(options.dataDir(), options.pluginPath(),
                options.partitions() > 0, progress)) {
            FaultLoad load = new FaultLoad(pipeline, options.linesPerObject(), Duration.ofSeconds(2),
                    Duration.ofMillis(100));
            load.start();
            long loadStart = System.nanoTime();
            progress.accept("Load running: 6 objects of " + options.linesPerObject() + " lines every 2 s, 10 pings a "
                    + "second. " + plan.size() + " faults to go (seed " + options.seed() + ").");
            try {
                for (int i = 0; i < plan.size(); i++) {
                    Thread.sleep(3000 + random.nextInt(7000));
                    load.check();
                    report.add(inject(pipeline, i + 1, plan.get(i), loadStart, report));
                }
            } finally {
                load.close();
            }
            load.check();
            progress.accept("Load stopped; waiting until everything sent has landed ...");
            check(pipeline, load, report);
        }
        return report;
    }

    private List<Planned> plan() {
        List<Planned> plan = new ArrayList<>();
        // every four kills take each part once, in an order of their own: a short run still kills each part
        List<Part> parts = new ArrayList<>(List.of(Part.values()));
        for (int i = 0; i < options.kills(); i++) {
            if (i % parts.size() == 0) {
                Collections.shuffle(parts, random);
            }
            plan.add(new Planned(Kind.KILL, parts.get(i % parts.size()), null));
        }
        for (Part part : Part.values()) {
            plan.add(new Planned(Kind.STOP, part, null));
        }
        if (!options.registryOutage().isZero()) {
            plan.add(new Planned(Kind.REGISTRY_OUTAGE, null, null));
        }
        for (int i = 0; i < options.partitions(); i++) {
            plan.add(new Planned(Kind.PARTITION, null, i % 2 == 0 ? "broker" : "registry"));
        }
        Collections.shuffle(plan, random);
        return plan;
    }

    private FaultReport.Fault inject(ProcessPipeline pipeline, int number, Planned fault, long loadStart,
            FaultReport report) throws Exception {
        long began = System.nanoTime();
        String description = fault.describe();
        switch (fault.kind()) {
            case KILL -> {
                pipeline.kill(fault.part());
                pipeline.start(fault.part());
            }
            case STOP -> {
                pipeline.terminate(fault.part());
                pipeline.start(fault.part());
            }
            case REGISTRY_OUTAGE -> {
                pipeline.stopRegistry();
                Thread.sleep(options.registryOutage().toMillis());
                pipeline.startRegistry();
                description += " " + options.registryOutage().toSeconds() + " s";
            }
            case PARTITION -> {
                NetworkNamespace namespace = pipeline.namespaceOf(fault.host()).orElseThrow();
                namespace.cut();
                Thread.sleep(options.partitionTime().toMillis());
                namespace.restore();
                description += " " + options.partitionTime().toSeconds() + " s";
            }
        }
        double back = seconds(began);
        double caughtUp = awaitCaughtUp(pipeline) ? seconds(began) : -1;
        // a part that died on its own is a finding; started again, as Kubernetes would, so the run goes on
        for (Map.Entry<Part, Integer> crashed : pipeline.exited().entrySet()) {
            report.problem("after fault " + number + " (" + description + ") the " + crashed.getKey().label
                    + " exited on its own (code " + crashed.getValue() + "; see its log); started again");
            pipeline.start(crashed.getKey());
        }
        if (caughtUp < 0) {
            report.problem("fault " + number + " (" + description + "): not caught up within " + CATCH_UP_TIMEOUT);
        }
        FaultReport.Fault done = new FaultReport.Fault(number, description, (began - loadStart) / 1e9, back,
                caughtUp);
        progress.accept(String.format("  fault %2d %-34s back after %5.1f s, caught up after %s", number,
                description, back, caughtUp < 0 ? "(not within " + CATCH_UP_TIMEOUT + ")"
                        : String.format("%.1f s", caughtUp)));
        return done;
    }

    /**
     * Waits until the parse app has committed past what the raw topics held now, then the sink past what the parsed
     * topics held then. Within one record: a partition's end may be a transaction marker no consumer commits past
     * until the next record comes.
     */
    private boolean awaitCaughtUp(ProcessPipeline pipeline) throws Exception {
        long deadline = System.nanoTime() + CATCH_UP_TIMEOUT.toNanos();
        return awaitCommitted(pipeline, ProcessPipeline.PARSE_GROUP, pipeline.rawTopics(), deadline)
                && awaitCommitted(pipeline, LocalPipeline.SINK_GROUP, pipeline.parsedTopics(), deadline);
    }

    private static boolean awaitCommitted(ProcessPipeline pipeline, String group, List<String> topics, long deadline)
            throws Exception {
        Map<TopicPartition, Long> ends = null;
        try (Admin admin = pipeline.admin()) {
            while (System.nanoTime() < deadline && pipeline.exited().isEmpty()) {
                try {
                    if (ends == null) {
                        ends = committedEnds(admin, topics);
                    }
                    Map<TopicPartition, OffsetAndMetadata> committed =
                            admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                    if (ends.entrySet().stream().allMatch(end -> end.getValue() == 0
                            || committed.containsKey(end.getKey())
                            && committed.get(end.getKey()).offset() >= end.getValue() - 1)) {
                        return true;
                    }
                } catch (Exception notReachable) {
                    // the broker is coming back: ask again
                }
                Thread.sleep(250);
            }
        }
        return false;
    }

    /** Where each partition's committed records end (its last stable offset). */
    private static Map<TopicPartition, Long> committedEnds(Admin admin, List<String> topics) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get().forEach((topic, description) ->
                description.partitions().forEach(partition ->
                        latest.put(new TopicPartition(topic, partition.partition()), OffsetSpec.latest())));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get()
                .forEach((partition, info) -> ends.put(partition, info.offset()));
        return ends;
    }

    private void check(ProcessPipeline pipeline, FaultLoad load, FaultReport report) throws Exception {
        Set<String> acknowledged = load.acknowledged();
        Set<String> unanswered = load.unanswered();
        Set<String> goodAcknowledged = acknowledged.stream().filter(ping -> !load.isBad(ping))
                .collect(Collectors.toSet());
        long badPingsAcknowledged = acknowledged.size() - goodAcknowledged.size();
        long badPingsUnanswered = unanswered.stream().filter(load::isBad).count();

        Map<String, Long> sent = new HashMap<>(load.objectRows());
        sent.merge(SampleObjects.SECURITY_PINGS, (long) goodAcknowledged.size(), Long::sum);
        Map<String, Long> expected = new HashMap<>(sent);
        expected.put(pipeline.parseDeadLetterTopic(), load.badObjectLines() + badPingsAcknowledged);
        try {
            Landing.await(pipeline.bootstrapServers(), expected, Map.of(), pipeline.parsedTopics(),
                    LocalPipeline.SINK_GROUP, LANDING_TIMEOUT, progress);
        } catch (TimeoutException e) {
            report.problem(e.getMessage());
        }
        List<String> counted = new ArrayList<>(pipeline.parsedTopics());
        counted.addAll(List.of(pipeline.parseDeadLetterTopic(), LocalPipeline.SINK_DEAD_LETTER_TOPIC,
                ReadingConfig.DEFAULT_ERROR_TOPIC));
        Map<String, Long> inTopics = Landing.count(pipeline.bootstrapServers(), counted);

        // the sink's DuckDB file can be read once the worker has closed it
        pipeline.terminate(Part.CONNECT_WORKER);
        try (Warehouse warehouse = Warehouse.open(pipeline.warehouseFile())) {
            Map<String, Long> rows = warehouse.rowCounts();
            for (String topic : pipeline.parsedTopics()) {
                String table = topic.toUpperCase(Locale.ROOT);
                long landed = rows.getOrDefault(table, 0L);
                long distinct = rows.containsKey(table) ? warehouse.distinctLines(table) : 0;
                long inTopic = inTopics.get(topic);
                long lines = sent.getOrDefault(topic, 0L);
                if (topic.equals(SampleObjects.SECURITY_PINGS)) {
                    report.add(pings(table, warehouse, lines - goodAcknowledged.size(), inTopic, landed, distinct,
                            goodAcknowledged, unanswered));
                } else {
                    report.add(new FaultReport.Table(table, lines, inTopic, landed, Math.max(0, lines - distinct),
                            Math.max(0, inTopic - lines) + (landed - distinct), ""));
                }
            }
        }
        report.add(new FaultReport.DeadLetters(pipeline.parseDeadLetterTopic(),
                expected.get(pipeline.parseDeadLetterTopic()),
                expected.get(pipeline.parseDeadLetterTopic()) + badPingsUnanswered,
                inTopics.get(pipeline.parseDeadLetterTopic())));
        report.add(new FaultReport.DeadLetters(LocalPipeline.SINK_DEAD_LETTER_TOPIC, 0, 0,
                inTopics.get(LocalPipeline.SINK_DEAD_LETTER_TOPIC)));
        report.add(new FaultReport.DeadLetters(ReadingConfig.DEFAULT_ERROR_TOPIC, 0, 0,
                inTopics.get(ReadingConfig.DEFAULT_ERROR_TOPIC)));
    }

    /**
     * Pings: each one the gateway acknowledged exactly once, one it did not answer at most once, and each one logged
     * by CloudFront (the objects carry them) once.
     */
    private static FaultReport.Table pings(String table, Warehouse warehouse, long loggedPings, long inTopic,
            long landed, long distinct, Set<String> acknowledged, Set<String> unanswered) throws Exception {
        Map<String, Long> byServer = warehouse.occurrences(table, "SERVER_ID", FaultLoad.PING_PREFIX);
        long gatewayRows = byServer.values().stream().mapToLong(Long::longValue).sum();
        long loggedLanded = distinct - gatewayRows;
        long lost = acknowledged.stream().filter(ping -> !byServer.containsKey(ping)).count()
                + Math.max(0, loggedPings - loggedLanded);
        long duplicated = (gatewayRows - byServer.size()) + Math.max(0, loggedLanded - loggedPings)
                + Math.max(0, inTopic - (loggedPings + gatewayRows)) + (landed - distinct);
        long landedUnanswered = unanswered.stream().filter(byServer::containsKey).count();
        return new FaultReport.Table(table, loggedPings + acknowledged.size(), inTopic, landed, lost, duplicated,
                landedUnanswered + " of " + unanswered.size() + " unanswered pings landed");
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
