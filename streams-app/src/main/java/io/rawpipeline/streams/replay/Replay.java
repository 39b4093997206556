package io.rawpipeline.streams.replay;

import io.rawpipeline.registry.RegistryConfig;
import io.rawpipeline.registry.serde.AvroSerializer;
import io.rawpipeline.streams.ParseApp;
import io.rawpipeline.streams.ParseTopology;
import io.rawpipeline.streams.ReplayWindow;
import io.rawpipeline.streams.config.ParseAppConfig;
import io.rawpipeline.streams.config.SourceConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.ClientDnsLookup;
import org.apache.kafka.clients.ClientUtils;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Parses again the records of one raw topic whose timestamps are in [from, to), into the same parsed and dead-letter
 * topics as the live parse app, exactly once, while the live app keeps running: a Kafka Streams app of its own
 * (application id {@link #applicationId}) built from the same {@link ParseTopology} for that one source, with a
 * timestamp filter in front. Its consumer group starts at the first offset at or after {@code from} in each partition
 * and the app is closed when its committed offsets reach the end points taken at start (the first offset at or after
 * {@code to}, or the end of the partition). A run that is interrupted leaves the group's offsets, so the same command
 * resumes; a finished run deletes the group, so the same command again replays the range again.
 */
public final class Replay {

    /** Progress of one replay at one moment. */
    public record Progress(Map<TopicPartition, Long> done, Map<TopicPartition, Long> total, double linesPerSecond,
            Duration elapsed, long rows, long deadLetters, boolean finished) {

        public long doneTotal() {
            return done.values().stream().mapToLong(Long::longValue).sum();
        }

        public long totalTotal() {
            return total.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** What a finished replay did. */
    public record Summary(String applicationId, boolean resumed, long rawRecords, long rows, long deadLetters,
            long outsideWindow, Duration took) {
    }

    private final Map<String, Object> settings;
    private final String source;
    private final Instant from;
    private final Instant to;
    private final boolean openEnded;

    /**
     * @param settings the parse app's settings (bootstrap servers, registry, source definitions, Streams overrides)
     * @param to       null: up to the moment the replay starts
     */
    public Replay(Map<String, ?> settings, String source, Instant from, Instant to) {
        this.settings = new HashMap<>(settings);
        this.source = source;
        this.from = from;
        this.openEnded = to == null;
        this.to = to == null ? Instant.now() : to;
        if (!from.isBefore(this.to)) {
            throw new IllegalArgumentException("--from " + from + " must be before --to " + this.to);
        }
        Map<String, Object> props = new HashMap<>(ParseApp.DEFAULTS);
        props.putAll(settings);
        // a malformed address is a usage error now, not a client failure after the replay has begun
        ClientUtils.parseAndValidateAddresses(new StreamsConfig(props).getList(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG),
                ClientDnsLookup.USE_ALL_DNS_IPS);
        new RegistryConfig(props);
        List<String> sources = new ParseAppConfig(props).sources().stream().map(SourceConfig::name).toList();
        if (!sources.contains(source)) {
            throw new IllegalArgumentException("unknown source '" + source + "'; sources: "
                    + String.join(", ", sources));
        }
    }

    /** {@code rawpipeline-replay-<source>-<from>-<to or "now">}, with only [a-zA-Z0-9._-]. */
    public static String applicationId(String source, Instant from, Instant to) {
        String id = "rawpipeline-replay-" + source + "-" + stamp(from) + "-" + (to == null ? "now" : stamp(to));
        return id.replaceAll("[^a-zA-Z0-9._-]", "_");
    }

    private static String stamp(Instant instant) {
        return instant.toString().toLowerCase(Locale.ROOT).replace(":", "");
    }

    public String applicationId() {
        return applicationId(source, from, openEnded ? null : to);
    }

    /** Runs the replay to its end, reporting progress about every {@code every}. */
    public Summary run(Consumer<Progress> progress, Duration every) throws InterruptedException {
        String appId = applicationId();
        Map<String, Object> props = new HashMap<>(ParseApp.DEFAULTS);
        props.putAll(settings);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, appId);
        props.put(ParseAppConfig.SOURCES_CONFIG, source);
        props.put(ParseAppConfig.TOPICS_CREATE_CONFIG, false);
        props.putIfAbsent(StreamsConfig.STATE_DIR_CONFIG,
                System.getProperty("java.io.tmpdir") + "/rawpipeline-replay-state");
        ParseAppConfig config = new ParseAppConfig(props);
        SourceConfig sourceConfig = config.sources().get(0);
        StreamsConfig streamsConfig = new StreamsConfig(props);
        Instant started = Instant.now();

        try (Admin admin = Admin.create(streamsConfig.getAdminConfigs(appId + "-admin"))) {
            Map<TopicPartition, Long> start = new TreeMap<>(BY_PARTITION);
            Map<TopicPartition, Long> end = new TreeMap<>(BY_PARTITION);
            offsets(props, sourceConfig.topic(), start, end);
            Map<TopicPartition, Long> committed = committed(admin, appId);
            boolean resumed = !committed.isEmpty();
            if (!resumed) {
                Map<TopicPartition, OffsetAndMetadata> reset = new HashMap<>();
                start.forEach((tp, offset) -> reset.put(tp, new OffsetAndMetadata(offset)));
                get(admin.alterConsumerGroupOffsets(appId, reset).all());
            }
            ReplayWindow window = new ReplayWindow(from, to);
            AvroSerializer<SpecificRecord> avro = new AvroSerializer<>();
            avro.configure(props, false);
            KafkaStreams streams = new KafkaStreams(
                    ParseTopology.build(config, avro, Clock.systemUTC(), window), streamsConfig);
            streams.setUncaughtExceptionHandler(ParseApp::onStreamThreadFailure);
            long doneBefore = 0;
            long lastDone = -1;
            Instant lastAt = Instant.now();
            try {
                streams.start();
                while (true) {
                    if (streams.state() == KafkaStreams.State.ERROR
                            || streams.state() == KafkaStreams.State.NOT_RUNNING) {
                        throw new IllegalStateException("the replay app stopped: " + streams.state()
                                + " (see the log); run the same command again to resume");
                    }
                    Map<TopicPartition, Long> now = committed(admin, appId);
                    Map<TopicPartition, Long> done = new TreeMap<>(BY_PARTITION);
                    Map<TopicPartition, Long> total = new TreeMap<>(BY_PARTITION);
                    boolean finished = true;
                    for (TopicPartition tp : end.keySet()) {
                        long first = start.get(tp);
                        long last = end.get(tp);
                        long at = Math.max(first, now.getOrDefault(tp, first));
                        total.put(tp, last - first);
                        done.put(tp, Math.min(at, last) - first);
                        finished &= at >= last;
                    }
                    long doneSum = done.values().stream().mapToLong(Long::longValue).sum();
                    Instant at = Instant.now();
                    if (lastDone < 0) {
                        doneBefore = doneSum;
                        lastDone = doneSum;
                    }
                    double seconds = Math.max(0.001, Duration.between(lastAt, at).toMillis() / 1000.0);
                    double rate = (doneSum - lastDone) / seconds;
                    lastDone = doneSum;
                    lastAt = at;
                    progress.accept(new Progress(done, total, rate, Duration.between(started, at), window.rows(),
                            window.deadLetters(), finished));
                    if (finished) {
                        break;
                    }
                    Thread.sleep(every.toMillis());
                }
            } finally {
                streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                        .withTimeout(Duration.ofSeconds(30)));
            }
            // the topology has no state store and no repartition topic: the group is all there is to remove
            deleteGroup(admin, appId);
            streams.cleanUp();
            // records of the range this run read; a resumed run does not count what an earlier one did
            long raw = end.keySet().stream().mapToLong(tp -> Math.max(0,
                    end.get(tp) - Math.max(start.get(tp), committed.getOrDefault(tp, start.get(tp))))).sum();
            return new Summary(appId, resumed, raw, window.rows(), window.deadLetters(), window.outside(),
                    Duration.between(started, Instant.now()));
        }
    }

    private static final java.util.Comparator<TopicPartition> BY_PARTITION =
            java.util.Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition);

    /** The first offset at or after {@code from}, and the end point, of each partition of the raw topic. */
    private void offsets(Map<String, Object> props, String topic, Map<TopicPartition, Long> start,
            Map<TopicPartition, Long> end) {
        Map<String, Object> consumerProps = new HashMap<>();
        consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, props.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG));
        consumerProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        consumerProps.put(ConsumerConfig.CLIENT_ID_CONFIG, applicationId() + "-offsets");
        props.forEach((key, value) -> {
            if (key.startsWith("security.") || key.startsWith("sasl.") || key.startsWith("ssl.")) {
                consumerProps.put(key, value);
            }
        });
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30));
            if (partitions == null || partitions.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " does not exist");
            }
            List<TopicPartition> tps = partitions.stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            Map<TopicPartition, Long> ends = consumer.endOffsets(tps, Duration.ofSeconds(30));
            Map<TopicPartition, Long> fromTimes = new HashMap<>();
            Map<TopicPartition, Long> toTimes = new HashMap<>();
            tps.forEach(tp -> {
                fromTimes.put(tp, from.toEpochMilli());
                toTimes.put(tp, to.toEpochMilli());
            });
            Map<TopicPartition, OffsetAndTimestamp> first = consumer.offsetsForTimes(fromTimes, Duration.ofSeconds(30));
            Map<TopicPartition, OffsetAndTimestamp> last = consumer.offsetsForTimes(toTimes, Duration.ofSeconds(30));
            for (TopicPartition tp : tps) {
                long endOffset = ends.get(tp);
                long startOffset = first.get(tp) == null ? endOffset : Math.min(first.get(tp).offset(), endOffset);
                long endPoint = last.get(tp) == null ? endOffset : Math.min(last.get(tp).offset(), endOffset);
                start.put(tp, startOffset);
                end.put(tp, Math.max(startOffset, endPoint));
            }
        }
    }

    private static Map<TopicPartition, Long> committed(Admin admin, String group) throws InterruptedException {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        try {
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            committed.forEach((tp, offset) -> {
                if (offset != null) {
                    offsets.put(tp, offset.offset());
                }
            });
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                throw new IllegalStateException("cannot read the offsets of group " + group + ": " + e.getCause(), e);
            }
        }
        return offsets;
    }

    private static void deleteGroup(Admin admin, String group) throws InterruptedException {
        for (int attempt = 0; ; attempt++) {
            try {
                admin.deleteConsumerGroups(List.of(group)).all().get();
                return;
            } catch (ExecutionException e) {
                if (e.getCause() instanceof GroupIdNotFoundException) {
                    return;
                }
                if (attempt >= 10) {
                    throw new IllegalStateException("cannot delete group " + group + ": " + e.getCause(), e);
                }
                Thread.sleep(500); // members may take a moment to leave
            }
        }
    }

    private static <T> T get(org.apache.kafka.common.KafkaFuture<T> future) throws InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        }
    }
}
