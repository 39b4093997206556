package io.rawpipeline.connect.s3;

import io.rawpipeline.connect.s3.config.ConnectorSettings;
import io.rawpipeline.connect.s3.config.QueueConfig;
import io.rawpipeline.connect.s3.config.ReadingConfig;
import io.rawpipeline.local.ConnectCluster;
import io.rawpipeline.local.ObjectUploads;
import io.rawpipeline.local.S3Server;
import io.rawpipeline.local.SqsServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The real servers the connector runs against, started once per test class: S3Proxy, ElasticMQ (with a
 * dead-letter queue) and a distributed Connect worker with exactly-once source support on a KRaft broker.
 */
final class S3SourceHarness implements AutoCloseable {

    static final String CONNECTOR = "s3-source";
    static final String CLOUDFRONT_BUCKET = "mattermost-cloudfront-logs";
    static final String ALB_BUCKET = "mattermost-push-proxy-logs";
    static final String LICENSE_BUCKET = "mattermost-license-exports";
    static final String ERROR_TOPIC = ReadingConfig.DEFAULT_ERROR_TOPIC;
    static final int MAX_RECEIVES = 3;
    static final int VISIBILITY_SECONDS = 10;

    final S3Server s3;
    final SqsServer sqs;
    final SqsServer.Queue queue;
    final ConnectCluster connect;
    final ObjectUploads uploads;

    private S3SourceHarness(S3Server s3, SqsServer sqs, SqsServer.Queue queue, ConnectCluster connect) {
        this.s3 = s3;
        this.sqs = sqs;
        this.queue = queue;
        this.connect = connect;
        this.uploads = new ObjectUploads(s3, sqs, queue.url());
    }

    static S3SourceHarness start() throws Exception {
        S3Server s3 = S3Server.start();
        SqsServer sqs = SqsServer.start();
        ConnectCluster connect = ConnectCluster.start(1, Map.of("exactly.once.source.support", "enabled"), null);
        for (String bucket : List.of(CLOUDFRONT_BUCKET, ALB_BUCKET, LICENSE_BUCKET)) {
            s3.createBucket(bucket);
        }
        for (String topic : List.of("raw.diagnostics", "raw.releases", "raw.push-proxy", "raw.licenses", ERROR_TOPIC)) {
            connect.createTopic(topic, 1);
        }
        SqsServer.Queue queue = sqs.createQueue("notifications-" + UUID.randomUUID(), MAX_RECEIVES,
                Duration.ofSeconds(VISIBILITY_SECONDS));
        return new S3SourceHarness(s3, sqs, queue, connect);
    }

    Map<String, String> connectorProps() {
        Map<String, String> props = ConnectorSettings.forEndpoints(queue.url(), s3.region(), s3.endpoint(),
                sqs.endpoint(), s3.accessKey(), s3.secretKey());
        props.put(QueueConfig.VISIBILITY_SECONDS_CONFIG, Integer.toString(VISIBILITY_SECONDS));
        return props;
    }

    void deploy(Map<String, String> overrides) throws InterruptedException {
        Map<String, String> props = connectorProps();
        props.putAll(overrides);
        connect.cluster().configureConnector(CONNECTOR, props);
        connect.cluster().assertions().assertConnectorAndExactlyNumTasksAreRunning(CONNECTOR, 1,
                "the S3 source connector did not start");
    }

    /**
     * The committed records of the topic whose key is one of {@code objects}: waits for {@code expected}, then a
     * little longer for any extra.
     */
    List<ConsumerRecord<byte[], byte[]>> committed(String topic, Set<String> objects, int expected,
                                                   Duration timeout) {
        return committed(topic, record -> record.key() != null
                && objects.contains(new String(record.key(), StandardCharsets.UTF_8)), expected, timeout);
    }

    /** The committed records of the topic that {@code wanted} accepts, as above. */
    List<ConsumerRecord<byte[], byte[]>> committed(String topic, Predicate<ConsumerRecord<byte[], byte[]>> wanted,
                                                   int expected, Duration timeout) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, connect.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "check-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            long settled = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, settled)) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (wanted.test(record)) {
                        records.add(record);
                    }
                }
                if (records.size() >= expected && settled == Long.MAX_VALUE) {
                    settled = System.nanoTime() + Duration.ofSeconds(2).toNanos();
                }
            }
            return records;
        }
    }

    @Override
    public void close() throws Exception {
        uploads.close();
        connect.close();
        sqs.close();
        s3.close();
    }
}
