package io.rawpipeline.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;
import org.apache.pekko.pattern.Patterns;
import org.elasticmq.StrictSQSLimits$;
import org.elasticmq.actor.QueueManagerActor;
import org.elasticmq.actor.queue.QueueEvent;
import org.elasticmq.persistence.sql.SqlQueuePersistenceActor;
import org.elasticmq.persistence.sql.SqlQueuePersistenceConfig;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.elasticmq.util.NowProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Option;
import scala.collection.immutable.List$;
import scala.util.Either;
import scalikejdbc.ConnectionPool$;
import scalikejdbc.ConnectionPoolSettings;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * An SQS API in this JVM: ElasticMQ on a free loopback port. It checks no credentials; clients send dummy ones.
 * {@link #start()} keeps its queues in memory; {@link #start(Path)} keeps the queues and their messages in an H2 file
 * in a folder, so a message sent before the JVM was killed is still in its queue after the next start there.
 */
public final class SqsServer implements AutoCloseable {

    public static final String REGION = "us-east-1";
    public static final String ACCESS_KEY = "local-access-key";
    public static final String SECRET_KEY = "local-secret-key";
    private static final Logger LOG = LoggerFactory.getLogger(SqsServer.class);
    private static final Duration RESTORE_TIMEOUT = Duration.ofSeconds(60);
    // ElasticMQ's SQL persistence writes through ScalikeJDBC's one default pool: one folder at a time in a JVM
    private static final AtomicBoolean ON_DISK_RUNNING = new AtomicBoolean();

    /** A queue and the dead-letter queue its redrive policy moves messages to. */
    public record Queue(String url, String deadLetterQueueUrl) {
    }

    private final SQSRestServer server;
    private final URI endpoint;
    /** ElasticMQ's actors when the queues are on disk (this class stops them); null when in memory. */
    private final ActorSystem actors;

    private SqsServer(SQSRestServer server, URI endpoint, ActorSystem actors) {
        this.server = server;
        this.endpoint = endpoint;
        this.actors = actors;
    }

    /** Queues and messages in memory, gone when the server stops. */
    public static SqsServer start() {
        long started = System.nanoTime();
        SQSRestServer server = SQSRestServerBuilder
                .withInterface("127.0.0.1")
                .withDynamicPort()
                .withAWSRegion(REGION)
                .start();
        SqsServer sqs = new SqsServer(server, endpoint(server), null);
        LOG.info("SQS (ElasticMQ) at {} started in {} ms", sqs.endpoint, (System.nanoTime() - started) / 1_000_000);
        return sqs;
    }

    /**
     * Queues and messages in {@code dataDir/queues.mv.db}: the queues and the messages they held when the last server
     * there stopped or its JVM was killed are back, each message with its receive count and visibility. A message is
     * on disk before its send is answered. One such server at a time in a JVM.
     */
    public static SqsServer start(Path dataDir) {
        long started = System.nanoTime();
        if (!ON_DISK_RUNNING.compareAndSet(false, true)) {
            throw new IllegalStateException("An SQS server keeping its queues on disk already runs in this JVM");
        }
        ActorSystem actors = null;
        try {
            Files.createDirectories(dataDir);
            // WRITE_DELAY=0: each commit is written to the file at once, not up to 500 ms later, so a SIGKILL
            // loses no message whose send was answered. The server closes the file, not a shutdown hook of H2's.
            String url = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("queues")
                    + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
            SqlQueuePersistenceConfig config = new SqlQueuePersistenceConfig(true, "org.h2.Driver", url, "sa", "",
                    false);
            openConnectionPool(config);
            actors = ActorSystem.create("elasticmq");
            ActorRef store = actors.actorOf(Props.create(SqlQueuePersistenceActor.class, config, List$.MODULE$.empty()),
                    "queue-store");
            ActorRef queues = actors.actorOf(Props.create(QueueManagerActor.class, new NowProvider(),
                    StrictSQSLimits$.MODULE$, Option.apply(store)), "queues");
            restore(store, queues);
            SQSRestServer server = SQSRestServerBuilder
                    .withActorSystem(actors)
                    .withQueueManagerActor(queues)
                    .withInterface("127.0.0.1")
                    .withDynamicPort()
                    .withAWSRegion(REGION)
                    .start();
            SqsServer sqs = new SqsServer(server, endpoint(server), actors);
            LOG.info("SQS (ElasticMQ) at {}, queues in {}, started in {} ms", sqs.endpoint, dataDir,
                    (System.nanoTime() - started) / 1_000_000);
            return sqs;
        } catch (IOException e) {
            stopOnDisk(actors);
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            stopOnDisk(actors);
            throw e;
        }
    }

    /** Points ScalikeJDBC's default pool, which the SQL persistence uses, at this folder's database. */
    private static void openConnectionPool(SqlQueuePersistenceConfig config) {
        try {
            Class.forName(config.driverClass());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("H2 is not on the class path", e);
        }
        ConnectionPool$ pools = ConnectionPool$.MODULE$;
        ConnectionPoolSettings settings = pools.singleton$default$4();
        pools.singleton(config.uri(), config.username(), config.password(), settings,
                pools.singleton$default$5(config.uri(), config.username(), config.password(), settings));
    }

    /** Creates the stored queues and puts their messages back, before any client can reach them. */
    private static void restore(ActorRef store, ActorRef queues) {
        Object restored;
        try {
            restored = Patterns.ask(store, new QueueEvent.Restore(queues), RESTORE_TIMEOUT).toCompletableFuture()
                    .get(RESTORE_TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while restoring the stored queues", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not restore the stored queues (see the log)", e);
        }
        if (restored instanceof Either<?, ?> result && result.isLeft()) {
            throw new IllegalStateException("Could not restore the stored queues: " + result.left().get());
        }
    }

    private static URI endpoint(SQSRestServer server) {
        try {
            return URI.create("http://127.0.0.1:" + server.waitUntilStarted().localAddress().getPort());
        } catch (RuntimeException e) {
            server.stopAndWait();
            throw e;
        }
    }

    /** Terminates the actors (no more writes), then closes the database file and lets another start. */
    private static void stopOnDisk(ActorSystem actors) {
        try {
            if (actors != null) {
                actors.terminate();
                actors.getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("ElasticMQ's actors did not stop: {}", e.toString());
        } finally {
            ConnectionPool$.MODULE$.close(ConnectionPool$.MODULE$.DEFAULT_NAME());
            ON_DISK_RUNNING.set(false);
        }
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
        try {
            server.stopAndWait();
        } finally {
            if (actors != null) {
                stopOnDisk(actors);
            }
        }
    }
}
