package io.rawpipeline.connect.s3;

import static io.rawpipeline.connect.s3.S3SourceHarness.CLOUDFRONT_BUCKET;
import static io.rawpipeline.connect.s3.S3SourceHarness.CONNECTOR;
import static org.assertj.core.api.Assertions.assertThat;

import io.rawpipeline.formats.RawLineHeaders;
import io.rawpipeline.local.ObjectUploads;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorOffset;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorOffsets;
import org.apache.kafka.connect.util.clusters.WorkerHandle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A task restarted and its worker replaced while a 200,000-line object is being read: a read_committed consumer
 * sees every line exactly once. Reading takes longer than the queue's visibility timeout, so the message must be
 * kept hidden for it not to be read twice.
 */
class S3SourceRestartIT {

    static final int DATA_LINES = 200_000;
    static final String FIELDS = "#Fields: date time sc-bytes cs-uri-stem sc-status";

    static S3SourceHarness harness;

    @BeforeAll
    static void start() throws Exception {
        harness = S3SourceHarness.start();
        harness.deploy(Map.of("batch.max.lines", "500"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void aRestartedTaskAndAReplacedWorkerLoseAndRepeatNoLine() throws Exception {
        StringBuilder text = new StringBuilder(FIELDS).append('\n');
        for (int i = 0; i < DATA_LINES; i++) {
            text.append("2024-05-01\t10:00:00\t").append(i).append("\t/security\t200\n");
        }
        ObjectUploads.Upload big = harness.uploads.put(CLOUDFRONT_BUCKET,
                "security-update-check/" + UUID.randomUUID() + ".big.gz", S3SourceIT.gzip(text.toString()));
        String object = S3SourceIT.uri(big);
        int total = DATA_LINES + 1;
        long started = System.nanoTime();

        Map<Long, Integer> seen = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = readCommitted()) {
            consumer.subscribe(List.of("raw.diagnostics"));
            readUntil(consumer, object, seen, total / 5);
            harness.connect.cluster().restartConnectorAndTasks(CONNECTOR, false, true, false);
            assertThat(seen.size()).as("the task restarts mid-object").isLessThan(total);

            readUntil(consumer, object, seen, total / 2);
            assertThat(seen.size()).as("the worker is replaced mid-object").isLessThan(total);
            WorkerHandle original = harness.connect.cluster().workers().iterator().next();
            harness.connect.cluster().addWorker();
            harness.connect.cluster().removeWorker(original);

            readUntil(consumer, object, seen, total);
            readFor(consumer, object, seen, Duration.ofSeconds(S3SourceHarness.VISIBILITY_SECONDS + 5));
        }

        assertThat(System.nanoTime() - started)
                .as("reading outlasts the visibility timeout, so it must have been extended")
                .isGreaterThan(Duration.ofSeconds(S3SourceHarness.VISIBILITY_SECONDS).toNanos());
        assertThat(seen.keySet()).hasSize(total);
        assertThat(seen.keySet().stream().mapToLong(Long::longValue).min().orElseThrow()).isEqualTo(1);
        assertThat(seen.keySet().stream().mapToLong(Long::longValue).max().orElseThrow()).isEqualTo(total);
        assertThat(seen.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey)
                .collect(Collectors.toSet())).as("lines seen more than once").isEmpty();
        assertThat(harness.committed(S3SourceHarness.ERROR_TOPIC, Set.of(object), 0, Duration.ofSeconds(1)))
                .isEmpty();
    }

    @Test
    void aStoppedTaskHandsItsUnfinishedNotificationBackAtOnce() throws Exception {
        StringBuilder text = new StringBuilder(FIELDS).append('\n');
        for (int i = 0; i < DATA_LINES / 4; i++) {
            text.append("2024-05-01\t11:00:00\t").append(i).append("\t/security\t200\n");
        }
        ObjectUploads.Upload upload = harness.uploads.put(CLOUDFRONT_BUCKET,
                "security-update-check/" + UUID.randomUUID() + ".stopped.gz", S3SourceIT.gzip(text.toString()));
        String object = S3SourceIT.uri(upload);
        int total = DATA_LINES / 4 + 1;

        Map<Long, Integer> seen = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = readCommitted()) {
            consumer.subscribe(List.of("raw.diagnostics"));
            readUntil(consumer, object, seen, 1);
            harness.connect.cluster().stopConnector(CONNECTOR);
            // hidden, the message would come back only after the visibility timeout (or never, if it were lost)
            long deadline = System.nanoTime() + Duration.ofSeconds(S3SourceHarness.VISIBILITY_SECONDS / 2).toNanos();
            while (visibleMessages() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(visibleMessages()).as("the notification is back in the queue, visible").isEqualTo(1);
            assertThat(seen.size()).as("the task was stopped mid-object").isLessThan(total);

            harness.connect.cluster().resumeConnector(CONNECTOR);
            readUntil(consumer, object, seen, total);
            readFor(consumer, object, seen, Duration.ofSeconds(2));
        }
        assertThat(seen.keySet()).hasSize(total);
        assertThat(seen.values()).as("lines seen more than once").allMatch(count -> count == 1);
    }

    /**
     * Workers in other JVMs completed two objects and stored their offsets with the source partition serialized in
     * either order, {@code {"bucket":..,"key":..}} and {@code {"key":..,"bucket":..}}, as workers did when the order
     * was a {@code Map.of}'s (salted per JVM). Their notifications come again (released by a stopped task): neither
     * object is read again. One lookup of this JVM's order alone misses one of the two, whichever this JVM's order is.
     */
    @Test
    void objectsCompletedByWorkersInOtherJvmsAreNotReadAgain() throws Exception {
        harness.connect.cluster().stopConnector(CONNECTOR);
        harness.connect.cluster().assertions().assertConnectorIsStopped(CONNECTOR, "the connector did not stop");
        String text = FIELDS + "\n2024-05-01\t12:00:00\t1\t/security\t200\n2024-05-01\t12:00:01\t2\t/security\t200\n";
        ObjectUploads.Upload bucketFirst = harness.uploads.put(CLOUDFRONT_BUCKET,
                "security-update-check/" + UUID.randomUUID() + ".bucket-first.gz", S3SourceIT.gzip(text));
        ObjectUploads.Upload keyFirst = harness.uploads.put(CLOUDFRONT_BUCKET,
                "security-update-check/" + UUID.randomUUID() + ".key-first.gz", S3SourceIT.gzip(text));
        harness.connect.cluster().alterConnectorOffsets(CONNECTOR, new ConnectorOffsets(List.of(
                completed(bucketFirst, ordered("bucket", bucketFirst.bucket(), "key", bucketFirst.key())),
                completed(keyFirst, ordered("key", keyFirst.key(), "bucket", keyFirst.bucket())))));

        harness.connect.cluster().resumeConnector(CONNECTOR);
        harness.connect.cluster().assertions().assertConnectorAndExactlyNumTasksAreRunning(CONNECTOR, 1,
                "the connector did not resume");
        long deadline = System.nanoTime() + Duration.ofSeconds(S3SourceHarness.VISIBILITY_SECONDS * 3).toNanos();
        while (messagesInQueue() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(messagesInQueue()).as("both notifications taken and deleted").isZero();
        // a line read again is committed before its message is deleted: all there is to see is in the topic now
        Set<String> objects = Set.of(S3SourceIT.uri(bucketFirst), S3SourceIT.uri(keyFirst));
        Set<String> readAgain = new TreeSet<>();
        try (KafkaConsumer<byte[], byte[]> consumer = readCommitted()) {
            List<TopicPartition> partitions = consumer.partitionsFor("raw.diagnostics").stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    String key = new String(record.key(), StandardCharsets.UTF_8);
                    if (objects.contains(key)) {
                        readAgain.add(key);
                    }
                }
            }
        }
        assertThat(readAgain).as("objects read again").isEmpty();
    }

    private static ConnectorOffset completed(ObjectUploads.Upload upload, Map<String, String> partition) {
        String version = upload.versionId() != null ? upload.versionId() : upload.eTag();
        return new ConnectorOffset(partition, Map.of("version", version, "line", 3, "complete", true));
    }

    private static Map<String, String> ordered(String k1, String v1, String k2, String v2) {
        Map<String, String> map = new LinkedHashMap<>();
        map.put(k1, v1);
        map.put(k2, v2);
        return map;
    }

    private static int messagesInQueue() {
        try (SqsClient sqs = harness.sqs.client()) {
            Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(r -> r.queueUrl(harness.queue.url())
                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
            return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                    + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
        }
    }

    private static int visibleMessages() {
        try (SqsClient sqs = harness.sqs.client()) {
            return Integer.parseInt(sqs.getQueueAttributes(r -> r.queueUrl(harness.queue.url())
                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
                    .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
        }
    }

    private static void readUntil(KafkaConsumer<byte[], byte[]> consumer, String object, Map<Long, Integer> seen,
                                  int lines) {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (seen.size() < lines && System.nanoTime() < deadline) {
            poll(consumer, object, seen);
        }
        assertThat(seen.size()).as("lines committed before the deadline").isGreaterThanOrEqualTo(lines);
    }

    private static void readFor(KafkaConsumer<byte[], byte[]> consumer, String object, Map<Long, Integer> seen,
                                Duration duration) {
        long until = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < until) {
            poll(consumer, object, seen);
        }
    }

    private static void poll(KafkaConsumer<byte[], byte[]> consumer, String object, Map<Long, Integer> seen) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
            if (object.equals(new String(record.key(), StandardCharsets.UTF_8))) {
                seen.merge(Long.parseLong(S3SourceIT.header(record, RawLineHeaders.SOURCE_LINE)), 1, Integer::sum);
            }
        }
    }

    private static KafkaConsumer<byte[], byte[]> readCommitted() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, harness.connect.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "check-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
