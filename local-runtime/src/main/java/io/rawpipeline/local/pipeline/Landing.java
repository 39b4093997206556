package io.rawpipeline.local.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Knows when rows have landed: counts the committed records of topics (as the sink reads them), then waits until
 * the sink's consumer group has committed past the last of them. The warehouse sink commits only offsets whose
 * rows its DuckDB transaction holds, so a committed offset is a landed row.
 */
public final class Landing {

    private Landing() {
    }

    /** Where each partition of the topics ends now: the point a run's counting starts from. */
    public static Map<TopicPartition, Long> endOffsets(String bootstrapServers, Collection<String> topics) {
        try (KafkaConsumer<byte[], byte[]> consumer = committedReader(bootstrapServers)) {
            return consumer.endOffsets(partitions(consumer, topics));
        }
    }

    /**
     * Reads the topics of {@code expected} from {@code from} (the start of a partition it does not name) until each
     * holds at least its expected records (or the timeout), then waits until {@code sinkGroup} has committed past
     * every record of the topics in {@code sunk}.
     *
     * @return the records counted per topic
     */
    public static Map<String, Long> await(String bootstrapServers, Map<String, Long> expected,
            Map<TopicPartition, Long> from, List<String> sunk, String sinkGroup, Duration timeout,
            Consumer<String> progress) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Long> counted = new HashMap<>();
        Map<TopicPartition, Long> afterLast = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = committedReader(bootstrapServers)) {
            List<TopicPartition> partitions = partitions(consumer, expected.keySet());
            expected.keySet().forEach(topic -> counted.put(topic, 0L));
            consumer.assign(partitions);
            for (TopicPartition partition : partitions) {
                consumer.seek(partition, from.getOrDefault(partition, 0L));
            }
            long lastReport = 0;
            while (!reached(counted, expected)) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("Records still missing after " + timeout + ": counted " + counted
                            + ", expected " + expected);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    counted.merge(record.topic(), 1L, Long::sum);
                    afterLast.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
                }
                if (System.nanoTime() - lastReport > 2_000_000_000L) {
                    lastReport = System.nanoTime();
                    progress.accept("  parsed " + sum(counted) + " of " + sum(expected) + " records");
                }
            }
        }
        awaitCommitted(bootstrapServers, sinkGroup, afterLast, sunk, deadline, timeout);
        return counted;
    }

    private static void awaitCommitted(String bootstrapServers, String group, Map<TopicPartition, Long> afterLast,
            List<String> sunk, long deadline, Duration timeout) throws Exception {
        Map<TopicPartition, Long> wanted = new HashMap<>(afterLast);
        wanted.keySet().removeIf(partition -> !sunk.contains(partition.topic()));
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            while (true) {
                Map<TopicPartition, OffsetAndMetadata> committed =
                        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                wanted.entrySet().removeIf(entry -> {
                    OffsetAndMetadata offset = committed.get(entry.getKey());
                    return offset != null && offset.offset() >= entry.getValue();
                });
                if (wanted.isEmpty()) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("The sink has not landed everything after " + timeout
                            + "; partitions behind (next offset wanted): " + wanted);
                }
                Thread.sleep(200);
            }
        }
    }

    /** Counts the committed records of each topic, from the start to the end as it is now. */
    public static Map<String, Long> count(String bootstrapServers, List<String> topics) {
        Map<String, Long> counted = new HashMap<>();
        topics.forEach(topic -> counted.put(topic, 0L));
        try (KafkaConsumer<byte[], byte[]> consumer = committedReader(bootstrapServers)) {
            readToEnd(consumer, topics, record -> counted.merge(record.topic(), 1L, Long::sum));
        }
        return counted;
    }

    /** Hands each committed record of the topics, from the start to the end as it is now, to {@code each}. */
    static <V> void readToEnd(KafkaConsumer<byte[], V> consumer, Collection<String> topics,
            Consumer<ConsumerRecord<byte[], V>> each) {
        List<TopicPartition> partitions = partitions(consumer, topics);
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
            consumer.poll(Duration.ofMillis(200)).forEach(each);
        }
    }

    static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, Collection<String> topics) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        return partitions;
    }

    static KafkaConsumer<byte[], byte[]> committedReader(String bootstrapServers) {
        return new KafkaConsumer<>(readerSettings(bootstrapServers), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    /** A consumer of committed records only, outside any group. */
    static Map<String, Object> readerSettings(String bootstrapServers) {
        return Map.of(
                "bootstrap.servers", bootstrapServers,
                "isolation.level", "read_committed",
                "enable.auto.commit", "false",
                "max.poll.records", "5000");
    }

    private static boolean reached(Map<String, Long> counted, Map<String, Long> expected) {
        return expected.entrySet().stream().allMatch(e -> counted.getOrDefault(e.getKey(), 0L) >= e.getValue());
    }

    private static long sum(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}
