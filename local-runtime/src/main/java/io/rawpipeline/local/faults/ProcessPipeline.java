package io.rawpipeline.local.faults;

import io.rawpipeline.connect.s3.config.ConnectorSettings;
import io.rawpipeline.connect.s3.config.ReadingConfig;
import io.rawpipeline.connect.s3.config.Route;
import io.rawpipeline.connect.s3.config.S3SourceConfig;
import io.rawpipeline.gateway.Gateway;
import io.rawpipeline.gateway.config.GatewayConfig;
import io.rawpipeline.local.ApicurioRegistry;
import io.rawpipeline.local.ConnectRest;
import io.rawpipeline.local.ConnectWorker;
import io.rawpipeline.local.Host;
import io.rawpipeline.local.KafkaBroker;
import io.rawpipeline.local.NetworkNamespace;
import io.rawpipeline.local.ObjectUploads;
import io.rawpipeline.local.S3Server;
import io.rawpipeline.local.SqsServer;
import io.rawpipeline.local.pipeline.LocalPipeline;
import io.rawpipeline.registry.RegistryConfig;
import io.rawpipeline.streams.ParseApp;
import io.rawpipeline.streams.config.ParseAppConfig;
import io.rawpipeline.streams.config.SourceConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.connect.cli.ConnectDistributed;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The pipeline as production runs it: every deployable in a JVM of its own, started through the main class and
 * settings file its image uses (the KRaft broker, a distributed Connect worker with the S3 source and the warehouse
 * sink, the parse app, the gateway) and the registry as a child process. S3 and SQS, which stand in for AWS, run in
 * this JVM. With {@code isolate}, the broker and the registry run on hosts of their own (network namespaces) that can
 * be cut off the network.
 */
final class ProcessPipeline implements AutoCloseable {

    /** The parts a fault run kills and restarts. */
    enum Part {
        BROKER("broker"), CONNECT_WORKER("connect worker"), PARSE_APP("parse app"), GATEWAY("gateway");

        final String label;

        Part(String label) {
            this.label = label;
        }
    }

    static final String CONNECT_GROUP = "rawpipeline-connect";
    static final String PARSE_GROUP = "rawpipeline-parse";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration STOP_GRACE = Duration.ofSeconds(60);

    private final Path dataDir;
    private final Consumer<String> progress;
    private final ParseAppConfig parseConfig = new ParseAppConfig(Map.of());
    private final Map<Part, ChildProcess> parts = new EnumMap<>(Part.class);
    private final Map<String, NetworkNamespace> namespaces = new HashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Host brokerHost = Host.LOOPBACK;
    private Host registryHost = Host.LOOPBACK;
    private String bootstrapServers;
    private ApicurioRegistry registry;
    private int registryPort;
    private S3Server s3;
    private SqsServer sqs;
    private SqsServer.Queue queue;
    private ConnectRest connect;
    private URI pingUrl;

    private ProcessPipeline(Path dataDir, Consumer<String> progress) {
        this.dataDir = dataDir.toAbsolutePath();
        this.progress = progress;
    }

    /**
     * Starts every part in a new data folder and deploys the connectors.
     *
     * @param isolate run the broker and the registry in network namespaces (root and iproute2), for partitions
     */
    static ProcessPipeline start(Path dataDir, Path pluginPath, boolean isolate, Consumer<String> progress)
            throws Exception {
        ProcessPipeline pipeline = new ProcessPipeline(dataDir, progress);
        try {
            pipeline.startParts(pluginPath.toAbsolutePath(), isolate);
        } catch (Exception | Error e) {
            pipeline.close();
            throw e;
        }
        return pipeline;
    }

    private void startParts(Path pluginPath, boolean isolate) throws Exception {
        Files.createDirectories(dataDir.resolve("logs"));
        if (isolate) {
            // names and subnets of this run's own: runs side by side (a test beside a command) must not share them
            int run = ThreadLocalRandom.current().nextInt(1, 127);
            namespaces.put("broker", NetworkNamespace.create("rpb" + run, 2 * run));
            namespaces.put("registry", NetworkNamespace.create("rpr" + run, 2 * run + 1));
            brokerHost = namespaces.get("broker").host();
            registryHost = namespaces.get("registry").host();
        }
        Path logDir = dataDir.resolve("kafka/kafka-logs");
        KafkaBroker.formatIfNew(logDir);
        int brokerPort = KafkaBroker.freePort();
        bootstrapServers = brokerHost.address() + ":" + brokerPort;
        Path brokerSettings = write("broker.properties",
                KafkaBroker.settings(logDir, brokerHost.address(), brokerPort, KafkaBroker.freePort()));
        add(Part.BROKER, new ChildProcess(Part.BROKER.label, brokerHost, List.of("-Xmx512m"), "kafka.Kafka",
                brokerSettings, log("broker"), this::brokerAnswers));

        startRegistry();
        s3 = S3Server.start(dataDir.resolve("s3"));
        sqs = SqsServer.start();
        queue = sqs.createQueue("object-notifications", 3, Duration.ofSeconds(60));
        new S3SourceConfig(sourceConnectorConfig()).routes().stream().map(Route::bucket)
                .filter(bucket -> !Route.ANY_BUCKET.equals(bucket)).distinct().forEach(s3::createBucket);

        int parseAppPort = KafkaBroker.freePort();
        Properties parseSettings = new Properties();
        parseSettings.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        parseSettings.put(StreamsConfig.STATE_DIR_CONFIG, dataDir.resolve("streams").toString());
        parseSettings.put(RegistryConfig.SCHEMA_REGISTRY_URL_CONFIG, registry.url());
        parseSettings.put(ParseAppConfig.HTTP_PORT_CONFIG, Integer.toString(parseAppPort));
        URI parseReady = URI.create("http://127.0.0.1:" + parseAppPort + "/healthz/ready");
        add(Part.PARSE_APP, new ChildProcess(Part.PARSE_APP.label, Host.LOOPBACK, List.of("-Xmx512m"),
                ParseApp.class.getName(), write("parse-app.properties", parseSettings), log("parse-app"),
                () -> answers200(parseReady)));

        int gatewayPort = KafkaBroker.freePort();
        Properties gatewaySettings = new Properties();
        gatewaySettings.put(GatewayConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        gatewaySettings.put(GatewayConfig.LISTEN_HOST_CONFIG, "127.0.0.1");
        gatewaySettings.put(GatewayConfig.LISTEN_PORT_CONFIG, Integer.toString(gatewayPort));
        gatewaySettings.put(GatewayConfig.TOPIC_CONFIG, parseConfig.sources().stream()
                .filter(source -> source.name().equals("telemetry")).findFirst().orElseThrow().topic());
        pingUrl = URI.create("http://127.0.0.1:" + gatewayPort + "/security");
        URI gatewayReady = URI.create("http://127.0.0.1:" + gatewayPort + "/healthz");
        add(Part.GATEWAY, new ChildProcess(Part.GATEWAY.label, Host.LOOPBACK, List.of("-Xmx256m"),
                Gateway.class.getName(), write("gateway.properties", gatewaySettings), log("gateway"),
                () -> answers200(gatewayReady)));

        int connectPort = KafkaBroker.freePort();
        connect = new ConnectRest(URI.create("http://127.0.0.1:" + connectPort + "/"));
        Properties workerSettings = new Properties();
        workerSettings.putAll(ConnectWorker.settings(bootstrapServers, CONNECT_GROUP, pluginPath,
                "http://127.0.0.1:" + connectPort));
        add(Part.CONNECT_WORKER, new ChildProcess(Part.CONNECT_WORKER.label, Host.LOOPBACK, List.of("-Xmx1g"),
                ConnectDistributed.class.getName(), write("connect-distributed.properties", workerSettings),
                log("connect-worker"), connect::answers));

        start(Part.BROKER);
        start(Part.PARSE_APP);
        start(Part.GATEWAY);
        createTopics(List.of(ReadingConfig.DEFAULT_ERROR_TOPIC, LocalPipeline.SINK_DEAD_LETTER_TOPIC));
        start(Part.CONNECT_WORKER);
        connect.putConnector(LocalPipeline.SOURCE_CONNECTOR, sourceConnectorConfig());
        connect.putConnector(LocalPipeline.SINK_CONNECTOR, LocalPipeline.sinkConnectorConfig(registry.url(),
                parsedTopics(), warehouseFile()));
        awaitConnectors();
    }

    /** Starts a part (again) and waits until it serves; the worker's connectors must be running too. */
    void start(Part part) throws Exception {
        long began = System.nanoTime();
        parts.get(part).start(START_TIMEOUT);
        if (part == Part.CONNECT_WORKER && connect != null && connectorsDeployed()) {
            awaitConnectors();
        }
        progress.accept(String.format("  %-16s ready in %5.1f s (pid %d)", part.label,
                (System.nanoTime() - began) / 1e9, parts.get(part).pid()));
    }

    /** The parts whose process ended on its own, with its exit code, as Kubernetes would see a crashed pod. */
    Map<Part, Integer> exited() {
        Map<Part, Integer> exited = new EnumMap<>(Part.class);
        parts.forEach((part, process) -> process.exitCode().ifPresent(code -> exited.put(part, code)));
        return exited;
    }

    void kill(Part part) throws InterruptedException {
        parts.get(part).kill();
    }

    /** SIGTERM, as Kubernetes stops a pod: the part shuts down cleanly (SIGKILL after a minute). */
    void terminate(Part part) throws InterruptedException {
        parts.get(part).terminate(STOP_GRACE);
    }

    /** Stops the registry's process: its clients find the connection refused until {@link #startRegistry}. */
    void stopRegistry() {
        registry.close();
    }

    /** Starts the registry on its port with its schemas (the first start takes a free port). */
    void startRegistry() throws Exception {
        registry = ApicurioRegistry.start(log("registry"), ApicurioRegistry.DEFAULT_START_TIMEOUT,
                dataDir.resolve("registry"), registryPort, registryHost);
        registryPort = registry.port();
    }

    /** The network namespace of the broker or the registry when the pipeline was started with {@code isolate}. */
    Optional<NetworkNamespace> namespaceOf(String part) {
        return Optional.ofNullable(namespaces.get(part));
    }

    private boolean connectorsDeployed() {
        try {
            connect.status(LocalPipeline.SINK_CONNECTOR);
            return true;
        } catch (IOException | InterruptedException notYet) {
            return false;
        }
    }

    private void awaitConnectors() throws Exception {
        connect.awaitRunning(LocalPipeline.SOURCE_CONNECTOR);
        connect.awaitRunning(LocalPipeline.SINK_CONNECTOR);
    }

    private boolean brokerAnswers() {
        try (Admin admin = admin()) {
            admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
            return true;
        } catch (Exception notYet) {
            return false;
        }
    }

    private boolean answers200(URI uri) {
        try {
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(3)).build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void add(Part part, ChildProcess process) {
        parts.put(part, process);
    }

    private Path write(String name, Properties settings) throws IOException {
        Path file = dataDir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            settings.store(out, "written by pipeline faults");
        }
        return file;
    }

    private Path log(String part) {
        return dataDir.resolve("logs/" + part + ".log");
    }

    private void createTopics(List<String> topics) throws Exception {
        try (Admin admin = admin()) {
            LocalPipeline.createMissingTopics(admin, topics);
        }
    }

    private Map<String, String> sourceConnectorConfig() {
        return ConnectorSettings.forEndpoints(queue.url(), s3.region(), s3.endpoint(), sqs.endpoint(),
                s3.accessKey(), s3.secretKey());
    }

    Admin admin() {
        return Admin.create(Map.of("bootstrap.servers", bootstrapServers, "request.timeout.ms", 5000,
                "default.api.timeout.ms", 10000));
    }

    List<String> parsedTopics() {
        return parseConfig.sources().stream().flatMap(source -> source.tables().stream()).toList();
    }

    List<String> rawTopics() {
        return parseConfig.sources().stream().map(SourceConfig::topic).toList();
    }

    String parseDeadLetterTopic() {
        return parseConfig.deadLetterTopic();
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    URI pingUrl() {
        return pingUrl;
    }

    ObjectUploads uploads() {
        return new ObjectUploads(s3, sqs, queue.url());
    }

    Path warehouseFile() {
        return dataDir.resolve(LocalPipeline.WAREHOUSE_FILE);
    }

    /** Stops every part with SIGTERM, the worker first (its sink closes the DuckDB file), then the stand-ins. */
    @Override
    public void close() {
        for (Part part : List.of(Part.CONNECT_WORKER, Part.GATEWAY, Part.PARSE_APP, Part.BROKER)) {
            ChildProcess process = parts.get(part);
            if (process != null) {
                try {
                    process.terminate(STOP_GRACE);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        for (AutoCloseable closeable : new AutoCloseable[] {registry, sqs, s3}) {
            if (closeable != null) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    progress.accept("  could not stop " + closeable.getClass().getSimpleName() + ": " + e);
                }
            }
        }
        namespaces.values().forEach(NetworkNamespace::close);
    }
}
