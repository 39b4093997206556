package io.rawpipeline.local.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.rawpipeline.connect.s3.config.AwsConfig;
import io.rawpipeline.connect.s3.config.ConnectorSettings;
import io.rawpipeline.connect.s3.config.QueueConfig;
import io.rawpipeline.connect.s3.config.ReadingConfig;
import io.rawpipeline.connect.s3.config.Route;
import io.rawpipeline.connect.s3.config.S3SourceConfig;
import io.rawpipeline.gateway.Gateway;
import io.rawpipeline.gateway.config.GatewayConfig;
import io.rawpipeline.local.ApicurioRegistry;
import io.rawpipeline.local.ConnectWorker;
import io.rawpipeline.local.KafkaBroker;
import io.rawpipeline.local.ObjectUploads;
import io.rawpipeline.local.S3Server;
import io.rawpipeline.local.SqsServer;
import io.rawpipeline.local.alerts.LocalAlerts;
import io.rawpipeline.registry.RegistryConfig;
import io.rawpipeline.streams.ParseApp;
import io.rawpipeline.streams.config.ParseAppConfig;
import io.rawpipeline.streams.config.SourceConfig;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The whole pipeline on this machine, each part a real one: a KRaft broker with its data in a folder, Apicurio
 * Registry (child process), S3Proxy and ElasticMQ, a distributed Connect worker whose plugin path holds the S3
 * source, the warehouse sink and the Snowflake connector, the parse app and the telemetry gateway. The demo,
 * {@code pipeline local}, the end-to-end tests and the end-to-end benchmark all run this one class.
 *
 * <p>Every part but the gateway keeps its data under {@code dataDir}: a second start in the same folder, after a stop
 * or a kill, finds its topics, schemas, offsets, objects, queued notifications and warehouse rows. The S3 source takes
 * the notifications that were queued and resumes an object it had not finished after its last committed line.
 */
public final class LocalPipeline implements AutoCloseable {

    public static final String SOURCE_CONNECTOR = "s3-source";
    public static final String SINK_CONNECTOR = "warehouse-sink";
    public static final String SINK_DEAD_LETTER_TOPIC = "dead-letters.warehouse-sink";
    /** Connect's consumer group of a sink connector. */
    public static final String SINK_GROUP = "connect-" + SINK_CONNECTOR;
    public static final String WAREHOUSE_FILE = "warehouse.duckdb";
    /**
     * Where the connectors' settings find the endpoints, new at each start. A worker started again resumes its
     * connectors with their stored settings before the start puts the new ones; had those named the last run's ports,
     * the sink would wait on a registry that is gone, and the stop that the new settings bring would dead-letter the
     * records it held. The start rewrites this file before the worker comes up.
     */
    public static final String ENDPOINTS_FILE = "connect/endpoints.properties";
    /**
     * Where a running pipeline's parts listen, for the commands that look at it ({@code pipeline dead-letters}):
     * {@code bootstrap.servers}, {@code schema.registry.url}, {@code connect.url}, {@code parse.app.url},
     * {@code sqs.endpoint}, {@code queue.url}, {@code sql.url}. Removed when it stops.
     */
    public static final String ADDRESSES_FILE = "addresses.properties";

    private static final String CONNECT_GROUP = "rawpipeline-connect";
    private static final String REGISTRY_URL = "schema.registry.url";
    private static final String QUEUE = "object-notifications";
    private static final int QUEUE_MAX_RECEIVES = 3;
    private static final Duration QUEUE_VISIBILITY = Duration.ofSeconds(60);

    private final Path dataDir;
    private final Path pluginPath;
    private final Consumer<String> progress;
    private final List<AutoCloseable> started = new ArrayList<>();
    private final ParseAppConfig parseConfig = new ParseAppConfig(Map.of());

    private KafkaBroker broker;
    private ApicurioRegistry registry;
    private S3Server s3;
    private SqsServer sqs;
    private SqsServer.Queue queue;
    private ConnectWorker worker;
    private ParseApp parseApp;
    private Gateway gateway;
    /** Where the warehouse sink answers {@code pipeline sql}; kept across restarts of the worker. */
    private String queryListen;
    /** The parse app's and the Connect worker's metrics ports, kept across restarts: Prometheus scrapes them. */
    private int parseAppPort;
    private int connectMetricsPort;

    private LocalPipeline(Path dataDir, Path pluginPath, Consumer<String> progress) {
        this.dataDir = dataDir.toAbsolutePath();
        this.pluginPath = pluginPath.toAbsolutePath();
        this.progress = progress;
    }

    /**
     * Starts every part, reporting each to {@code progress} as it comes up, and deploys the connectors.
     *
     * @param pluginPath the Connect worker's plugin path ({@code connect-worker/target/plugin-path})
     */
    public static LocalPipeline start(Path dataDir, Path pluginPath, Consumer<String> progress) throws Exception {
        if (!Files.isDirectory(pluginPath)) {
            throw new IllegalArgumentException("The Connect plugin path " + pluginPath + " does not exist; build it "
                    + "with: mvn -B -DskipTests install");
        }
        LocalPipeline pipeline = new LocalPipeline(dataDir, pluginPath, progress);
        try {
            pipeline.startParts();
        } catch (Exception | Error e) {
            pipeline.close();
            throw e;
        }
        return pipeline;
    }

    private void startParts() throws Exception {
        Files.createDirectories(dataDir.resolve("logs"));
        parseAppPort = KafkaBroker.freePort();
        connectMetricsPort = KafkaBroker.freePort();
        broker = timed("Kafka broker (KRaft)", () -> KafkaBroker.start(dataDir.resolve("kafka")));
        started.add(broker);
        startRegistry(0);
        // on disk: an object uploaded before a crash is still there after it
        s3 = timed("S3 (S3Proxy)", () -> S3Server.start(dataDir.resolve("s3")));
        started.add(s3);
        // on disk: a notification sent before a crash is still queued after it
        sqs = timed("SQS (ElasticMQ)", () -> SqsServer.start(dataDir.resolve("sqs")));
        started.add(sqs);
        queue = sqs.createQueue(QUEUE, QUEUE_MAX_RECEIVES, QUEUE_VISIBILITY);
        // the buckets the connector's routes read
        new S3SourceConfig(sourceSettings()).routes().stream().map(Route::bucket)
                .filter(bucket -> !Route.ANY_BUCKET.equals(bucket)).distinct().forEach(s3::createBucket);
        startParseApp();
        gateway = timed("telemetry gateway (HTTP)", () -> Gateway.start(Map.of(
                GatewayConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                GatewayConfig.LISTEN_HOST_CONFIG, "127.0.0.1",
                GatewayConfig.LISTEN_PORT_CONFIG, "0",
                GatewayConfig.TOPIC_CONFIG, rawTopics().get("telemetry"))));
        started.add(gateway);
        createTopics(List.of(ReadingConfig.DEFAULT_ERROR_TOPIC, SINK_DEAD_LETTER_TOPIC));
        startConnectWorker();
        Properties addresses = new Properties();
        addresses.setProperty("bootstrap.servers", bootstrapServers());
        addresses.setProperty("schema.registry.url", registryUrl());
        addresses.setProperty("connect.url", connectUrl().toString());
        addresses.setProperty("connect.metrics.url", connectMetricsUrl());
        addresses.setProperty("parse.app.url", parseAppStatusUrl());
        addresses.setProperty("sqs.endpoint", sqsEndpoint().toString());
        addresses.setProperty("queue.url", queueUrl());
        addresses.setProperty("sql.url", "http://" + queryListen + "/query");
        try (Writer out = Files.newBufferedWriter(dataDir.resolve(ADDRESSES_FILE))) {
            addresses.store(out, "where the running pipeline listens; removed when it stops");
        }
    }

    /** Starts the registry with the schemas in the data folder, on {@code port} (0: a free one). */
    private void startRegistry(int port) throws Exception {
        Path log = dataDir.resolve("logs/registry.log");
        Path schemas = dataDir.resolve("registry");
        registry = timed("schema registry (Apicurio)",
                () -> ApicurioRegistry.start(log, ApicurioRegistry.DEFAULT_START_TIMEOUT, schemas, port));
        started.add(registry);
    }

    /** Stops the registry's process: until {@link #restartRegistry}, its clients find the connection refused. */
    public void stopRegistry() {
        started.remove(registry);
        registry.close();
    }

    /** Starts the registry again where it was: the same port, the same schemas and ids. */
    public void restartRegistry() throws Exception {
        startRegistry(registry.port());
    }

    /** Starts the parse app (it creates the raw, parsed and dead-letter topics it lacks). */
    public void startParseApp() throws Exception {
        startParseApp(Map.of());
    }

    /** As {@link #startParseApp()}, with {@code overrides} of its settings (a benchmark's, say). */
    public void startParseApp(Map<String, String> overrides) throws Exception {
        Map<String, Object> settings = parseAppSettings();
        settings.putAll(overrides);
        parseApp = timed("parse app (Kafka Streams)", () -> {
            ParseApp app = new ParseApp(settings);
            app.start();
            awaitRunning(app);
            return app;
        });
    }

    /** The parse app's health and metrics endpoint (StatusEndpoint). */
    public String parseAppStatusUrl() {
        return "http://localhost:" + parseAppPort;
    }

    /** The Connect worker's metrics for Prometheus (Strimzi's reporter), as on the Kubernetes Connect pods. */
    public String connectMetricsUrl() {
        return "http://127.0.0.1:" + connectMetricsPort + "/metrics";
    }

    /**
     * Starts the real Prometheus and Alertmanager with the shipped rules and route, posting to {@code webhook};
     * they stop with the pipeline.
     *
     * @param home the repository, which holds the rules and route ({@link LocalAlerts#home()})
     */
    public LocalAlerts startAlerts(Path home, URI webhook) throws Exception {
        // the job names the Kubernetes PodMonitors give these parts (k8s/monitoring.yaml), which the rules name
        Map<String, String> targets = new LinkedHashMap<>();
        targets.put("kafka-connect", "127.0.0.1:" + connectMetricsPort);
        targets.put("rawpipeline-parse", "127.0.0.1:" + parseAppPort);
        targets.put("rawpipeline-gateway", pingUrl().getAuthority());
        LocalAlerts alerts = timed("Prometheus and Alertmanager (alerts)",
                () -> LocalAlerts.start(home, dataDir.resolve("alerts"), dataDir.resolve("logs"), webhook, targets));
        started.add(alerts);
        return alerts;
    }

    public void stopParseApp() {
        if (parseApp != null) {
            parseApp.close();
            parseApp = null;
        }
    }

    /** Starts the Connect worker and (re)deploys both connectors: a restart finds their offsets in Kafka. */
    public void startConnectWorker() throws Exception {
        writeEndpoints();
        worker = timed("Connect worker (exactly-once source support)", () -> ConnectWorker.start(
                broker.bootstrapServers(), CONNECT_GROUP, pluginPath, "http://127.0.0.1:" + connectMetricsPort));
        timed("connectors " + SOURCE_CONNECTOR + " and " + SINK_CONNECTOR, () -> {
            worker.putConnector(SOURCE_CONNECTOR, sourceConnectorConfig());
            worker.putConnector(SINK_CONNECTOR, sinkConnectorConfig());
            worker.awaitRunning(SOURCE_CONNECTOR);
            worker.awaitRunning(SINK_CONNECTOR);
            return null;
        });
    }

    /** The running worker, for tests that deploy connectors of their own beside the pipeline's. */
    ConnectWorker worker() {
        return worker;
    }

    /** Removes the warehouse sink from the worker (its offsets stay in DuckDB): what is parsed meanwhile waits. */
    public void stopSink() throws Exception {
        worker.deleteConnector(SINK_CONNECTOR);
    }

    /** Deploys the warehouse sink again: new tasks, with cold caches, start on what waited. */
    public void startSink() throws Exception {
        startSink(Map.of());
    }

    /** As {@link #startSink()}, with {@code overrides} of its settings (a benchmark's {@code tasks.max}, say). */
    public void startSink(Map<String, String> overrides) throws Exception {
        Map<String, String> config = sinkConnectorConfig();
        config.putAll(overrides);
        worker.putConnector(SINK_CONNECTOR, config);
        worker.awaitRunning(SINK_CONNECTOR);
    }

    /** "RUNNING" when the connector and all its tasks run, else each one's state, e.g. "RUNNING, task 0 FAILED". */
    public String connectorState(String connector) throws Exception {
        JsonNode status = worker.status(connector);
        List<String> states = new ArrayList<>(List.of(status.path("connector").path("state").asText()));
        for (JsonNode task : status.path("tasks")) {
            if (!"RUNNING".equals(task.path("state").asText())) {
                states.add("task " + task.path("id").asText() + " " + task.path("state").asText());
            }
        }
        return String.join(", ", states);
    }

    /** Stops the worker; its sink task closes the DuckDB file, which can then be read. */
    public void stopConnectWorker() {
        if (worker != null) {
            worker.close();
            worker = null;
        }
    }

    private Map<String, Object> parseAppSettings() {
        Map<String, Object> settings = new HashMap<>();
        settings.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        settings.put(StreamsConfig.STATE_DIR_CONFIG, dataDir.resolve("streams").toString());
        settings.put(RegistryConfig.SCHEMA_REGISTRY_URL_CONFIG, registry.url());
        // a free port (the gateway has 8080 here), the same after a restart
        settings.put(ParseAppConfig.HTTP_PORT_CONFIG, parseAppPort);
        return settings;
    }

    private void writeEndpoints() throws IOException {
        Properties endpoints = new Properties();
        endpoints.setProperty(QueueConfig.QUEUE_URL_CONFIG, queue.url());
        endpoints.setProperty(AwsConfig.S3_ENDPOINT_CONFIG, s3.endpoint().toString());
        endpoints.setProperty(AwsConfig.SQS_ENDPOINT_CONFIG, sqs.endpoint().toString());
        endpoints.setProperty(REGISTRY_URL, registry.url());
        Path file = dataDir.resolve(ENDPOINTS_FILE);
        Files.createDirectories(file.getParent());
        Path written = file.resolveSibling(file.getFileName() + ".new");
        try (Writer out = Files.newBufferedWriter(written)) {
            endpoints.store(out, "Endpoints of the running local pipeline; rewritten at each start");
        }
        Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** A setting Connect reads from {@link #ENDPOINTS_FILE} when a connector or task starts. */
    private String endpoint(String key) {
        return "${file:" + dataDir.resolve(ENDPOINTS_FILE) + ":" + key + "}";
    }

    /** The S3 source's settings as Connect stores them: the endpoints through {@link #ENDPOINTS_FILE}. */
    private Map<String, String> sourceConnectorConfig() {
        Map<String, String> config = new HashMap<>(sourceSettings());
        for (String key : List.of(QueueConfig.QUEUE_URL_CONFIG, AwsConfig.S3_ENDPOINT_CONFIG,
                AwsConfig.SQS_ENDPOINT_CONFIG)) {
            config.put(key, endpoint(key));
        }
        return config;
    }

    private Map<String, String> sourceSettings() {
        return ConnectorSettings.forEndpoints(queue.url(), s3.region(), s3.endpoint(), sqs.endpoint(),
                s3.accessKey(), s3.secretKey());
    }

    Map<String, String> sinkConnectorConfig() throws IOException {
        if (queryListen == null) {
            queryListen = "127.0.0.1:" + KafkaBroker.freePort();
        }
        Map<String, String> config = sinkConnectorConfig(endpoint(REGISTRY_URL), parsedTopics(), warehouseFile());
        config.put("query.listen", queryListen);
        return config;
    }

    /** The warehouse sink's settings: it lands {@code topics} in the DuckDB file {@code warehouse}. */
    public static Map<String, String> sinkConnectorConfig(String registryUrl, List<String> topics, Path warehouse) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", "io.rawpipeline.connect.warehouse.WarehouseSinkConnector");
        config.put("tasks.max", "2");
        config.put("topics", String.join(",", topics));
        config.put("duckdb.path", warehouse.toString());
        // the parse app keys a row by its object, as the raw record was keyed
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        // Confluent's converter from the Snowflake plugin: the one production reads these topics with
        config.put("value.converter", "io.rawpipeline.connect.avro.RegistryWaitingAvroConverter");
        config.put("value.converter.schema.registry.url", registryUrl);
        config.put("header.converter", "org.apache.kafka.connect.storage.StringConverter");
        // the parse app writes in transactions: only committed rows may land
        config.put("consumer.override.isolation.level", "read_committed");
        // each put is one DuckDB transaction: fewer, larger ones land more rows a second
        config.put("consumer.override.max.poll.records", "10000");
        config.put("errors.tolerance", "all");
        // a registry that is away makes a record wait, never a dead letter: retried without end, at most 5 s apart
        config.put("errors.retry.timeout", "-1");
        config.put("errors.retry.delay.max.ms", "5000");
        config.put("errors.deadletterqueue.topic.name", SINK_DEAD_LETTER_TOPIC);
        config.put("errors.deadletterqueue.topic.replication.factor", "1");
        config.put("errors.deadletterqueue.context.headers.enable", "true");
        config.put("errors.log.enable", "true");
        return config;
    }

    private void createTopics(List<String> topics) throws Exception {
        try (Admin admin = admin()) {
            createMissingTopics(admin, topics);
        }
    }

    /** Creates those of {@code topics} the cluster lacks, one partition each (the dead-letter topics). */
    public static void createMissingTopics(Admin admin, List<String> topics) throws Exception {
        Set<String> existing = admin.listTopics().names().get();
        List<NewTopic> missing = topics.stream().filter(topic -> !existing.contains(topic))
                .map(topic -> new NewTopic(topic, Optional.of(1), Optional.empty()))
                .toList();
        try {
            admin.createTopics(missing).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    private static void awaitRunning(ParseApp app) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (app.state() != KafkaStreams.State.RUNNING) {
            if (app.state() == KafkaStreams.State.ERROR || System.nanoTime() > deadline) {
                throw new TimeoutException("The parse app did not reach RUNNING: " + app.state());
            }
            Thread.sleep(100);
        }
    }

    /** The parsed topics the sink lands: every table of every source the parse app parses. */
    public List<String> parsedTopics() {
        return parseConfig.sources().stream().flatMap(source -> source.tables().stream()).toList();
    }

    /** The raw topic of each source, by source name. */
    public Map<String, String> rawTopics() {
        Map<String, String> topics = new HashMap<>();
        for (SourceConfig source : parseConfig.sources()) {
            topics.put(source.name(), source.topic());
        }
        return topics;
    }

    /** The parsed topics of each source, by source name. */
    public Map<String, List<String>> tablesBySource() {
        Map<String, List<String>> tables = new HashMap<>();
        for (SourceConfig source : parseConfig.sources()) {
            tables.put(source.name(), source.tables());
        }
        return tables;
    }

    public String parseDeadLetterTopic() {
        return parseConfig.deadLetterTopic();
    }

    public Admin admin() {
        return Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()));
    }

    /** Uploads to the local S3, each followed by its notification on the connector's queue; the caller closes. */
    public ObjectUploads uploads() {
        return new ObjectUploads(s3, sqs, queue.url());
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public String registryUrl() {
        return registry.url();
    }

    public URI connectUrl() {
        return worker.restUrl();
    }

    /** Where servers send their pings: {@code GET <this>?id=…&b=…}. */
    public URI pingUrl() {
        return URI.create("http://127.0.0.1:" + gateway.port() + "/security");
    }

    public URI s3Endpoint() {
        return s3.endpoint();
    }

    public URI sqsEndpoint() {
        return sqs.endpoint();
    }

    /** The S3 source connector's queue. */
    public String queueUrl() {
        return queue.url();
    }

    /** A client of the local S3 (static local keys); the caller closes it. */
    public S3Client s3Client() {
        return s3.client();
    }

    /** A client of the local SQS; the caller closes it. */
    public SqsClient sqsClient() {
        return sqs.client();
    }

    public long registryPid() {
        return registry.pid();
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path warehouseFile() {
        return dataDir.resolve(WAREHOUSE_FILE);
    }

    /** Deletes a data folder and all it holds, for a run that must start empty. */
    public static void deleteData(Path dataDir) throws IOException {
        if (!Files.exists(dataDir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dataDir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    @FunctionalInterface
    private interface Start<T> {
        T call() throws Exception;
    }

    private <T> T timed(String part, Start<T> start) throws Exception {
        long began = System.nanoTime();
        T result = start.call();
        progress.accept(String.format("  %-48s ready in %5.1f s", part, (System.nanoTime() - began) / 1e9));
        return result;
    }

    /** Stops every part in the reverse order of their start; the parts keep their data. */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(dataDir.resolve(ADDRESSES_FILE));
        } catch (IOException e) {
            progress.accept("  could not remove " + dataDir.resolve(ADDRESSES_FILE) + ": " + e);
        }
        stopConnectWorker();
        stopParseApp();
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                progress.accept("  could not stop " + started.get(i).getClass().getSimpleName() + ": " + e);
            }
        }
        started.clear();
    }
}
