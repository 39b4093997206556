package io.rawpipeline.gateway;

import static org.awaitility.Awaitility.await;

import io.rawpipeline.gateway.config.GatewayConfig;
import io.rawpipeline.local.KafkaBroker;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The real parts, started once per test class: a KRaft broker (stoppable and restartable on the same port with its
 * data), the topic, gateways in this JVM on free ports, Java's HTTP client, a raw socket for requests the client
 * will not send, and a read-committed consumer.
 */
final class GatewayHarness {

    static final String TOPIC = GatewayConfig.DEFAULT_TOPIC;
    static final int PARTITIONS = 3;

    private final Path dataDir;
    private final int brokerPort;
    private final List<Gateway> gateways = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private KafkaBroker broker;

    private GatewayHarness(Path dataDir, int brokerPort, KafkaBroker broker) {
        this.dataDir = dataDir;
        this.brokerPort = brokerPort;
        this.broker = broker;
    }

    static GatewayHarness start() throws Exception {
        Path dataDir = Files.createTempDirectory("gateway-it");
        int port = freePort();
        GatewayHarness harness = new GatewayHarness(dataDir, port, KafkaBroker.start(dataDir, port));
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", harness.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1))).all().get();
        }
        return harness;
    }

    String bootstrapServers() {
        return "127.0.0.1:" + brokerPort;
    }

    /** A gateway on a free loopback port with these settings over the test defaults, once it is ready. */
    Gateway startGateway(Map<String, String> overrides) throws InterruptedException {
        Map<String, String> settings = new HashMap<>();
        settings.put(GatewayConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        settings.put(GatewayConfig.LISTEN_HOST_CONFIG, "127.0.0.1");
        settings.put(GatewayConfig.LISTEN_PORT_CONFIG, "0");
        settings.put(GatewayConfig.HEALTH_INTERVAL_MS_CONFIG, "300");
        settings.put(GatewayConfig.SHUTDOWN_DRAIN_MS_CONFIG, "200");
        settings.putAll(overrides);
        Gateway gateway = Gateway.start(settings);
        gateways.add(gateway);
        await().atMost(Duration.ofSeconds(30)).until(gateway::ready);
        return gateway;
    }

    void stopBroker() {
        broker.close();
        broker = null;
    }

    void startBroker() throws Exception {
        broker = KafkaBroker.start(dataDir, brokerPort);
    }

    HttpResponse<String> get(Gateway gateway, String pathAndQuery, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(gateway, pathAndQuery)).timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.GET().build());
    }

    HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    URI uri(Gateway gateway, String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + gateway.port() + pathAndQuery);
    }

    /** Sends these bytes as one request on a new connection and returns the whole answer (the gateway closes it). */
    String raw(Gateway gateway, byte[] request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return answer.toString(StandardCharsets.ISO_8859_1);
        }
    }

    static byte[] rawGet(String target, String... headerLines) {
        StringBuilder request = new StringBuilder("GET ").append(target).append(" HTTP/1.1\r\nHost: localhost\r\n");
        for (String header : headerLines) {
            request.append(header).append("\r\n");
        }
        request.append("Connection: close\r\n\r\n");
        return request.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    String metrics(Gateway gateway) throws Exception {
        return get(gateway, "/metrics").body();
    }

    /** The value of one sample of the exposition ({@code name} with its labels as printed), 0 if absent. */
    static double sample(String metrics, String nameWithLabels) {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(nameWithLabels) + " (\\S+)$").matcher(metrics);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }

    Map<TopicPartition, Long> endOffsets() {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            consumer.assign(partitions());
            return consumer.endOffsets(partitions());
        }
    }

    /**
     * Every record after {@code from} (read committed): waits until there are {@code expected}, then reads on for a
     * moment so that one too many would show.
     */
    List<ConsumerRecord<byte[], byte[]>> readSince(Map<TopicPartition, Long> from, int expected) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            consumer.assign(partitions());
            from.forEach(consumer::seek);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            long extra = System.nanoTime() + Duration.ofMillis(1000).toNanos();
            while (System.nanoTime() < extra) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    Map<TopicPartition, Long> beginning() {
        Map<TopicPartition, Long> start = new HashMap<>();
        partitions().forEach(partition -> start.put(partition, 0L));
        return start;
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static List<TopicPartition> partitions() {
        List<TopicPartition> partitions = new ArrayList<>();
        for (int partition = 0; partition < PARTITIONS; partition++) {
            partitions.add(new TopicPartition(TOPIC, partition));
        }
        return partitions;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    void close() throws Exception {
        for (Gateway gateway : gateways) {
            gateway.close();
        }
        if (broker != null) {
            broker.close();
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
