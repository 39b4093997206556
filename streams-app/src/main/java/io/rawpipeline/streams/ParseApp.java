package io.rawpipeline.streams;

import io.rawpipeline.registry.RegistryException;
import io.rawpipeline.registry.serde.AvroSerializer;
import io.rawpipeline.streams.config.ParseAppConfig;
import io.rawpipeline.streams.status.StatusEndpoint;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TransactionAbortedException;
import org.apache.kafka.common.errors.UnknownProducerIdException;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parse app: a Kafka Streams application that turns raw line topics into parsed Avro topics, exactly once.
 * Settings are Kafka Streams' own plus {@link ParseAppConfig}'s and the registry serde's, from one properties file.
 */
public final class ParseApp implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ParseApp.class);

    /**
     * Throughput settings, chosen with {@code pipeline bench streams} (docs/performance.md, "Parse app"): a row is
     * ~0.8 KB, so the default 16 KB batches carry 20 rows each and the exactly-once producer (5 requests in flight)
     * paces the whole app. Measured, 200 MB rounds, medians: these 71.7 k lines/s; zstd 58.4 k, no compression
     * 61.3 k, linger 5 ms 55.0 k, a 1 s commit interval 67.4 k (and later rows). The shipped properties files
     * (docker-compose, Kubernetes) repeat them so operators see them; a deployment test keeps them equal.
     */
    public static final Map<String, Object> THROUGHPUT = Map.of(
            StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 200,
            StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 5000,
            StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 262144,
            StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 20,
            StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");

    /** Defaults the app needs whatever the file says; the file can still override them. */
    public static final Map<String, Object> DEFAULTS = defaults();

    private static Map<String, Object> defaults() {
        Map<String, Object> defaults = new HashMap<>(THROUGHPUT);
        defaults.put(StreamsConfig.APPLICATION_ID_CONFIG, "rawpipeline-parse");
        defaults.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        // Kafka 5 turns this on; opting in now keeps the behaviour the same across the upgrade
        defaults.put("processing.exception.handler.global.enabled", true);
        return Map.copyOf(defaults);
    }

    private final KafkaStreams streams;
    private final int httpPort;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile StatusEndpoint status;

    public ParseApp(Map<String, ?> settings) throws InterruptedException {
        Map<String, Object> props = new HashMap<>(DEFAULTS);
        props.putAll(settings);
        ParseAppConfig config = new ParseAppConfig(props);
        if (config.getBoolean(ParseAppConfig.TOPICS_CREATE_CONFIG)) {
            try (Admin admin = Admin.create(adminProps(props))) {
                TopicCreator.createMissing(admin, config);
            }
        }
        AvroSerializer<SpecificRecord> avro = new AvroSerializer<>();
        avro.configure(props, false);
        this.streams = new KafkaStreams(ParseTopology.build(config, avro, Clock.systemUTC()), new StreamsConfig(props));
        this.httpPort = config.getInt(ParseAppConfig.HTTP_PORT_CONFIG);
        streams.setUncaughtExceptionHandler(ParseApp::onStreamThreadFailure);
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.ERROR) {
                log.error("Kafka Streams failed (its stream threads died; the cause is logged above): the app stops");
            }
            if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.NOT_RUNNING) {
                stopped.countDown();
            }
        });
    }

    /**
     * Transactions the broker gave up on, as after it was cut off longer than the transaction timeout (seen in
     * {@code pipeline faults}: InvalidTxnStateException at the commit after a partition): the transaction is aborted,
     * so a new thread that reads again from the committed offsets loses and repeats nothing.
     */
    private static final Set<Class<? extends Throwable>> TRANSACTION_REFUSED = Set.of(InvalidTxnStateException.class,
            InvalidProducerEpochException.class, ProducerFencedException.class, TransactionAbortedException.class,
            UnknownProducerIdException.class);

    /**
     * A stream thread failed. If the schema registry was away (its client gave up its retries) the thread is replaced:
     * its transaction was aborted, so its records are read again and wait for the registry instead of ending as dead
     * letters or stopping the app (a replay likewise); so is one whose transaction the broker refused. Anything else
     * stops the app, as Kafka Streams does by default.
     */
    public static StreamThreadExceptionResponse onStreamThreadFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RegistryException registry && registry.isUnavailable()) {
                log.warn("The schema registry is away ({}); the stream thread starts again and its records wait",
                        registry.getMessage());
                return StreamThreadExceptionResponse.REPLACE_THREAD;
            }
            if (TRANSACTION_REFUSED.contains(cause.getClass())) {
                log.warn("The broker refused the stream thread's transaction ({}); the thread starts again with a new "
                        + "producer and reads from the last committed offsets", cause.toString());
                return StreamThreadExceptionResponse.REPLACE_THREAD;
            }
        }
        return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }

    /** Starts Kafka Streams, then the HTTP endpoint unless {@code http.port} is -1. */
    public void start() throws IOException {
        streams.start();
        if (httpPort >= 0) {
            status = StatusEndpoint.start(httpPort, streams::state, streams::metrics);
            log.info("Health and metrics at http://localhost:{}/healthz/ready and /metrics", status.port());
        }
    }

    /** The HTTP endpoint's port, once started; -1 without one. */
    public int httpPort() {
        return status == null ? -1 : status.port();
    }

    /** Waits until Kafka Streams has stopped, by {@link #close()} or because it failed (state ERROR). */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /**
     * Leaves the consumer group, so a topic reset or a rebalance does not wait for the session to time out.
     * Synchronized: main and the shutdown hook may both close.
     */
    @Override
    public synchronized void close() {
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(30)));
        if (status != null) {
            status.close();
            status = null;
        }
    }

    private static Map<String, Object> adminProps(Map<String, Object> props) {
        StreamsConfig streamsConfig = new StreamsConfig(props);
        return streamsConfig.getAdminConfigs("rawpipeline-parse-topics");
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: ParseApp <settings.properties>");
            System.exit(2);
        }
        Map<String, Object> settings;
        try {
            settings = Utils.propsToMap(Utils.loadProps(args[0]));
        } catch (IOException e) {
            System.err.println("Cannot read settings " + args[0] + ": " + e.getMessage());
            System.exit(2);
            return;
        }
        ParseApp parseApp;
        try {
            parseApp = new ParseApp(settings);
        } catch (ConfigException e) {
            System.err.println("Invalid settings in " + args[0] + ": " + e.getMessage());
            System.exit(2);
            return;
        }
        try (ParseApp app = parseApp) {
            Runtime.getRuntime().addShutdownHook(new Thread(app::close, "parse-app-shutdown"));
            app.start();
            log.info("Parse app started");
            app.awaitStop();
            if (app.state() == KafkaStreams.State.ERROR) {
                // a non-zero exit lets the container runtime restart the instance
                System.exit(1);
            }
        }
    }
}
