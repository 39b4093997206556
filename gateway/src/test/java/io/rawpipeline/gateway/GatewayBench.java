package io.rawpipeline.gateway;

import io.rawpipeline.gateway.config.GatewayConfig;
import io.rawpipeline.local.KafkaBroker;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
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
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The gateway benchmark (not a test; gateway/bench/run.sh runs it): a KRaft broker and the gateway in this JVM, wrk
 * on loopback as the load. An untimed warm-up, then saturation (as fast as wrk goes), then a fixed rate (each wrk
 * connection waits before each request), then the count check: the records in the topic equal the pings the gateway
 * accepted, and are at least the 200s wrk saw (wrk drops the answers still in flight when it stops).
 *
 * <p>Options ({@code --name value}): seconds (15, per timed phase), warmup-seconds (5), connections (64, saturation),
 * rate (10000), paced-connections (rate / 100 + 6 %, each waiting 10 ms before each request), wrk-threads (2),
 * partitions (3), port (18080), script (gateway/bench/ping.lua).
 */
public final class GatewayBench {

    private static final Pattern WRK = Pattern.compile("WRK (.*)");
    private static final int PACED_DELAY_MS = 10;

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "15"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup-seconds", "5"));
        int connections = Integer.parseInt(options.getOrDefault("connections", "64"));
        int rate = Integer.parseInt(options.getOrDefault("rate", "10000"));
        // each connection waits 10 ms before each request; the wait excludes the answer's ~0.5 ms, so 6 % more
        // connections than rate / 100 bring the rate near its target
        int pacedConnections = Integer.parseInt(options.getOrDefault("paced-connections",
                Integer.toString((int) Math.ceil(rate * 1.06 / 100))));
        int wrkThreads = Integer.parseInt(options.getOrDefault("wrk-threads", "2"));
        int partitions = Integer.parseInt(options.getOrDefault("partitions", "3"));
        int port = Integer.parseInt(options.getOrDefault("port", "18080"));
        String script = options.getOrDefault("script", "gateway/bench/ping.lua");

        Path data = Path.of("bench-data", "gateway");
        delete(data);
        Files.createDirectories(data);
        try (KafkaBroker broker = KafkaBroker.start(data)) {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic(GatewayConfig.DEFAULT_TOPIC, partitions, (short) 1))).all()
                        .get();
            }
            Gateway gateway = Gateway.start(Map.of(GatewayConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                    GatewayConfig.LISTEN_HOST_CONFIG, "127.0.0.1",
                    GatewayConfig.LISTEN_PORT_CONFIG, Integer.toString(port),
                    GatewayConfig.HEALTH_INTERVAL_MS_CONFIG, "500"));
            try {
                while (!gateway.ready()) {
                    Thread.sleep(100);
                }
                String url = "http://127.0.0.1:" + port;
                System.out.printf("gateway on %s, broker %s, topic %s with %d partitions; %d cores; wrk %d threads%n",
                        url, broker.bootstrapServers(), GatewayConfig.DEFAULT_TOPIC, partitions,
                        Runtime.getRuntime().availableProcessors(), wrkThreads);
                List<Phase> phases = new ArrayList<>();
                phases.add(wrk("warm-up (untimed)", url, script, wrkThreads, connections, warmup, null));
                phases.add(wrk("saturation", url, script, wrkThreads, connections, seconds, null));
                int delayMs = PACED_DELAY_MS;
                phases.add(wrk("fixed rate " + rate + "/s", url, script, wrkThreads, pacedConnections, seconds,
                        delayMs));
                countCheck(gateway, broker, url, phases);
            } finally {
                gateway.close();
            }
        }
        delete(data);
    }

    private static Phase wrk(String name, String url, String script, int threads, int connections, int seconds,
                             Integer delayMs) throws Exception {
        List<String> command = List.of("wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s", "--latency",
                "-s", script, url);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (delayMs != null) {
            builder.environment().put("PING_DELAY_MS", Integer.toString(delayMs));
        }
        long cpuBefore = processCpuNanos();
        long start = System.nanoTime();
        Process process = builder.start();
        String line;
        Map<String, Long> values = new HashMap<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            while ((line = out.readLine()) != null) {
                Matcher matcher = WRK.matcher(line);
                if (matcher.matches()) {
                    for (String pair : matcher.group(1).split(" ")) {
                        String[] kv = pair.split("=");
                        values.put(kv[0], Long.parseLong(kv[1]));
                    }
                }
            }
        }
        if (process.waitFor() != 0 || values.isEmpty()) {
            throw new IllegalStateException("wrk failed: " + String.join(" ", command));
        }
        double cores = (processCpuNanos() - cpuBefore) / (double) (System.nanoTime() - start);
        Phase phase = new Phase(name, connections, delayMs, values, cores);
        System.out.println(phase);
        return phase;
    }

    /** Waits until the producer holds nothing, then compares Kafka's records with the gateway's and wrk's counts. */
    private static void countCheck(Gateway gateway, KafkaBroker broker, String url, List<Phase> phases)
            throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String metrics;
        do {
            Thread.sleep(200);
            metrics = http.send(HttpRequest.newBuilder(URI.create(url + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } while (GatewayHarness.sample(metrics, "gateway_buffer_records") > 0);
        long accepted = (long) GatewayHarness.sample(metrics, "gateway_pings_accepted_total");
        long rejected = Math.round(metrics.lines().filter(l -> l.startsWith("gateway_requests_rejected_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum());
        long ok = phases.stream().mapToLong(Phase::ok).sum();
        long records;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
                broker.bootstrapServers(), "isolation.level", "read_committed"), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(GatewayConfig.DEFAULT_TOPIC).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            records = consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
        boolean exact = records == accepted && records >= ok;
        System.out.printf(Locale.ROOT, "count check: %d records in Kafka, %d pings accepted (200 sent), %d 200s "
                        + "read by wrk, %d rejected: %s%n", records, accepted, ok, rejected,
                exact ? "every accepted ping is in Kafka once (the " + (accepted - ok)
                        + " 200s wrk did not read were in flight when it stopped)" : "MISMATCH");
        if (!exact) {
            System.exit(1);
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private record Phase(String name, int connections, Integer delayMs, Map<String, Long> wrk, double cores) {

        long ok() {
            return wrk.get("requests") - wrk.get("non2xx");
        }

        @Override
        public String toString() {
            double seconds = wrk.get("duration_us") / 1e6;
            return String.format(Locale.ROOT, "%-22s %3d conn%s: %,9.0f req/s, p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, "
                            + "max %.1f ms; %d requests, %d non-2xx, socket errors %d/%d/%d/%d "
                            + "(connect/read/write/timeout); this JVM (broker + gateway) %.2f cores",
                    name, connections, delayMs == null ? "" : " x 1/" + delayMs + "ms", wrk.get("requests") / seconds,
                    wrk.get("p50_us") / 1e3, wrk.get("p90_us") / 1e3, wrk.get("p99_us") / 1e3,
                    wrk.get("max_us") / 1e3, wrk.get("requests"), wrk.get("non2xx"), wrk.get("connect_errors"),
                    wrk.get("read_errors"), wrk.get("write_errors"), wrk.get("timeouts"), cores);
        }
    }
}
