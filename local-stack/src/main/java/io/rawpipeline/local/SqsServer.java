package io.rawpipeline.local;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** An SQS API in this JVM: ElasticMQ on a free loopback port. It checks no credentials; clients send dummy ones. */
public final class SqsServer implements AutoCloseable {

    public static final String REGION = "us-east-1";
    public static final String ACCESS_KEY = "local-access-key";
    public static final String SECRET_KEY = "local-secret-key";
    private static final Logger LOG = LoggerFactory.getLogger(SqsServer.class);

    /** A queue and the dead-letter queue its redrive policy moves messages to. */
    public record Queue(String url, String deadLetterQueueUrl) {
    }

    private final SQSRestServer server;
    private final URI endpoint;

    private SqsServer(SQSRestServer server, URI endpoint) {
        this.server = server;
        this.endpoint = endpoint;
    }

    public static SqsServer start() {
        long started = System.nanoTime();
        SQSRestServer server = SQSRestServerBuilder
                .withInterface("127.0.0.1")
                .withDynamicPort()
                .withAWSRegion(REGION)
                .start();
        int port;
        try {
            port = server.waitUntilStarted().localAddress().getPort();
        } catch (RuntimeException e) {
            server.stopAndWait();
            throw e;
        }
        SqsServer sqs = new SqsServer(server, URI.create("http://127.0.0.1:" + port));
        LOG.info("SQS (ElasticMQ) at {} started in {} ms", sqs.endpoint, (System.nanoTime() - started) / 1_000_000);
        return sqs;
    }

    public URI endpoint() {
        return endpoint;
    }

    public String region() {
        return REGION;
    }

    /** A client configured for this server; the caller closes it. */
    public SqsClient client() {
        return SqsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /**
     * Creates {@code name} and {@code name-dlq}: a message received {@code maxReceiveCount} times without being
     * deleted moves to the dead-letter queue, as an S3 notification the connector cannot process would.
     */
    public Queue createQueue(String name, int maxReceiveCount, Duration visibilityTimeout) {
        try (SqsClient sqs = client()) {
            String deadLetterUrl = sqs.createQueue(b -> b.queueName(name + "-dlq")).queueUrl();
            String deadLetterArn = sqs.getQueueAttributes(b -> b.queueUrl(deadLetterUrl)
                            .attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            String redrivePolicy = "{\"deadLetterTargetArn\":\"%s\",\"maxReceiveCount\":\"%d\"}"
                    .formatted(deadLetterArn, maxReceiveCount);
            String url = sqs.createQueue(b -> b.queueName(name).attributes(Map.of(
                    QueueAttributeName.VISIBILITY_TIMEOUT, Long.toString(visibilityTimeout.toSeconds()),
                    QueueAttributeName.REDRIVE_POLICY, redrivePolicy))).queueUrl();
            return new Queue(url, deadLetterUrl);
        }
    }

    @Override
    public void close() {
        server.stopAndWait();
    }
}
