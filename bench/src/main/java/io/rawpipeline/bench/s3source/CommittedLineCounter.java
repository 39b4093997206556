package io.rawpipeline.bench.s3source;

import io.rawpipeline.bench.LogObjects;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Counts the records committed to the raw topics (and the error topic) after it started, as they become readable,
 * on its own thread so that the moment the last one is seen is measured, not the moment someone looks. Counts only:
 * the records are not decoded beyond what the consumer does anyway.
 */
final class CommittedLineCounter implements Callable<CommittedLineCounter.Counted> {

    /**
     * What was seen: line records, error records, the average serialized size of a line record and of its line
     * (measured on every {@link #SIZE_SAMPLE}th record), and when the last line was seen.
     */
    record Counted(long lines, long errors, double averageRecordBytes, double averageLineBytes, long lastLineNanos,
                   boolean complete) {

        long recordBytes() {
            return Math.round(averageRecordBytes * lines);
        }
    }

    // sizing every record decodes every header key, which costs the CPU the connector is measured on
    private static final int SIZE_SAMPLE = 16;

    private final String bootstrapServers;
    private final List<String> lineTopics;
    private final String errorTopic;
    private final long expectedLines;
    private final Duration timeout;
    private final Duration stall;
    private volatile boolean ready;

    CommittedLineCounter(String bootstrapServers, List<String> lineTopics, String errorTopic, long expectedLines,
                         Duration timeout, Duration stall) {
        this.bootstrapServers = bootstrapServers;
        this.lineTopics = lineTopics;
        this.errorTopic = errorTopic;
        this.expectedLines = expectedLines;
        this.timeout = timeout;
        this.stall = stall;
    }

    /** True once the consumer has its partitions and knows where they end: uploads may begin. */
    boolean ready() {
        return ready;
    }

    @Override
    public Counted call() {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100_000,
                ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 << 20,
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 << 20,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            // assigned, not subscribed: no group, no rebalance delay before the first fetch
            List<TopicPartition> partitions = new ArrayList<>();
            List<String> topics = new ArrayList<>(lineTopics);
            topics.add(errorTopic);
            for (String topic : topics) {
                for (PartitionInfo partition : consumer.partitionsFor(topic)) {
                    partitions.add(new TopicPartition(topic, partition.partition()));
                }
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions); // what an earlier round committed is not counted
            partitions.forEach(consumer::position);
            ready = true;

            long lines = 0;
            long errors = 0;
            long sampled = 0;
            long recordBytes = 0;
            long valueBytes = 0;
            long lastLineNanos = 0;
            long deadline = System.nanoTime() + timeout.toNanos();
            long lastProgress = System.nanoTime();
            // gives up at the deadline, or when nothing new came for a while after the first line (a stuck run)
            while (lines < expectedLines && System.nanoTime() < deadline
                    && (lines == 0 || System.nanoTime() - lastProgress < stall.toNanos())) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(50));
                long seen = System.nanoTime();
                long linesBefore = lines;
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    if (record.topic().equals(errorTopic)) {
                        errors++;
                        continue;
                    }
                    if (lines++ % SIZE_SAMPLE == 0) {
                        sampled++;
                        valueBytes += Math.max(0, record.serializedValueSize());
                        recordBytes += Math.max(0, record.serializedKeySize())
                                + Math.max(0, record.serializedValueSize()) + headerBytes(record);
                    }
                }
                if (lines > linesBefore) {
                    lastLineNanos = seen;
                    lastProgress = seen;
                }
            }
            return new Counted(lines, errors, sampled == 0 ? 0 : (double) recordBytes / sampled,
                    sampled == 0 ? 0 : (double) valueBytes / sampled, lastLineNanos, lines >= expectedLines);
        } finally {
            ready = true; // a consumer that failed to start must not keep the uploads waiting
        }
    }

    private static long headerBytes(ConsumerRecord<byte[], byte[]> record) {
        long bytes = 0;
        for (Header header : record.headers()) {
            bytes += header.key().length() + (header.value() == null ? 0 : header.value().length);
        }
        return bytes;
    }
}
