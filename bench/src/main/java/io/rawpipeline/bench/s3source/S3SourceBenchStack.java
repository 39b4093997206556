package io.rawpipeline.bench.s3source;

import io.rawpipeline.bench.LogObjects;
import io.rawpipeline.connect.s3.config.ConnectorSettings;
import io.rawpipeline.connect.s3.config.QueueConfig;
import io.rawpipeline.connect.s3.config.ReadingConfig;
import io.rawpipeline.local.ConnectCluster;
import io.rawpipeline.local.ObjectUploads;
import io.rawpipeline.local.S3Server;
import io.rawpipeline.local.SqsServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.runtime.ConnectorConfig;

/**
 * What the S3 source benchmark runs on, all in this JVM: S3Proxy, ElasticMQ, and one exactly-once Connect worker on
 * its own KRaft broker, which the ceiling measurement then uses too. The connector is a class-path plugin.
 */
final class S3SourceBenchStack implements AutoCloseable {

    static final String CONNECTOR = "s3-source-bench";
    static final String ERROR_TOPIC = ReadingConfig.DEFAULT_ERROR_TOPIC;
    static final List<String> TOPICS = List.of(LogObjects.CLOUDFRONT_TOPIC, LogObjects.ALB_TOPIC, ERROR_TOPIC);
    // long enough that no message comes back while its object is read, even on a slow run
    static final int VISIBILITY_SECONDS = 120;
    // one partition per topic, as the ceiling's topic: both measure one partition leader's appends
    static final int PARTITIONS = 1;

    private final S3Server s3;
    private final SqsServer sqs;
    private final ConnectCluster connect;
    private final SqsServer.Queue queue;

    private S3SourceBenchStack(S3Server s3, SqsServer sqs, ConnectCluster connect, SqsServer.Queue queue) {
        this.s3 = s3;
        this.sqs = sqs;
        this.connect = connect;
        this.queue = queue;
    }

    /** Starts everything, with the buckets, the queue and the topics. */
    static S3SourceBenchStack start() throws Exception {
        S3Server s3 = S3Server.start();
        SqsServer sqs = null;
        ConnectCluster connect = null;
        try {
            sqs = SqsServer.start();
            connect = ConnectCluster.start(1, Map.of("exactly.once.source.support", "enabled"), null);
            s3.createBucket(LogObjects.CLOUDFRONT_BUCKET);
            s3.createBucket(LogObjects.ALB_BUCKET);
            for (String topic : TOPICS) {
                connect.createTopic(topic, PARTITIONS);
            }
            SqsServer.Queue queue = sqs.createQueue("bench-notifications", 3, Duration.ofSeconds(VISIBILITY_SECONDS));
            return new S3SourceBenchStack(s3, sqs, connect, queue);
        } catch (Exception | Error e) {
            if (connect != null) {
                connect.close();
            }
            if (sqs != null) {
                sqs.close();
            }
            s3.close();
            throw e;
        }
    }

    String bootstrapServers() {
        return connect.bootstrapServers();
    }

    void createTopic(String topic) {
        connect.createTopic(topic, PARTITIONS);
    }

    /** Uploads that publish each object's ObjectCreated notification to the connector's queue; the caller closes. */
    ObjectUploads uploads() {
        return new ObjectUploads(s3, sqs, queue.url());
    }

    /**
     * Deploys the connector with the settings the integration tests use and the tuning given, and waits until its
     * tasks run. {@code producerOverrides} go to the tasks' producers ({@code producer.override.*}).
     */
    void deploy(int tasks, int batchLines, int maxMessages, Map<String, String> producerOverrides)
            throws InterruptedException {
        Map<String, String> props = ConnectorSettings.forEndpoints(queue.url(), s3.region(), s3.endpoint(),
                sqs.endpoint(), s3.accessKey(), s3.secretKey());
        props.put(ConnectorConfig.TASKS_MAX_CONFIG, Integer.toString(tasks));
        props.put(QueueConfig.VISIBILITY_SECONDS_CONFIG, Integer.toString(VISIBILITY_SECONDS));
        props.put(QueueConfig.MAX_MESSAGES_CONFIG, Integer.toString(maxMessages));
        props.put(ReadingConfig.BATCH_MAX_LINES_CONFIG, Integer.toString(batchLines));
        producerOverrides.forEach((key, value) -> props.put("producer.override." + key, value));
        connect.cluster().configureConnector(CONNECTOR, props);
        connect.cluster().assertions().assertConnectorAndExactlyNumTasksAreRunning(CONNECTOR, tasks,
                "the S3 source connector did not start");
    }

    /** Stops the connector, so its idle polling stays out of the ceiling measurement. */
    void undeploy() {
        connect.cluster().deleteConnector(CONNECTOR);
    }

    @Override
    public void close() {
        try {
            connect.close();
        } finally {
            try {
                sqs.close();
            } finally {
                s3.close();
            }
        }
    }
}
