package io.rawpipeline.bench.gateway;

import io.rawpipeline.bench.BenchEnvironment;
import io.rawpipeline.bench.BenchPipeline;
import io.rawpipeline.bench.BenchResult;
import io.rawpipeline.bench.BenchResult.Figure;
import io.rawpipeline.bench.ProducerPerformanceCeiling;
import io.rawpipeline.bench.ProducerPerformanceSummary;
import io.rawpipeline.gateway.Gateway;
import io.rawpipeline.gateway.config.GatewayConfig;
import io.rawpipeline.local.KafkaBroker;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * {@code pipeline bench gateway}: a KRaft broker and the gateway in this JVM, wrk on loopback as the load. An
 * untimed warm-up, then per round saturation (as fast as a fixed number of connections goes) and each fixed rate
 * (connections that wait before each request); then the count check (the records in the topic equal the pings the
 * gateway accepted, and are at least the 200s wrk read) and Kafka's ProducerPerformance of records the pings' size
 * as the ceiling.
 *
 * <p>The gateway answers 200 once Kafka has acknowledged the ping, so on a fixed number of connections the rate is
 * bound by the produce round trip: connections / latency (Little's law).
 */
public final class GatewayBench {

    static final double SATURATION_TARGET = 20_000;
    static final double P99_TARGET_MILLIS = 20;

    private static final String CEILING_TOPIC = "ceiling";
    private static final long CEILING_MIN_RECORDS = 1_000_000;
    /** Paced connections wait this long before each request; the answer's own latency comes on top. */
    private static final int PACED_DELAY_MS = 20;
    /**
     * wrk has no rate option, and a paced connection's cycle is its wait plus the answer's latency: short paced runs
     * find the connections that reach a rate, starting from as many as it needs if answers took no time.
     */
    private static final int CALIBRATION_SECONDS = 3;
    private static final int CALIBRATION_TRIALS = 2;

    /**
     * Seconds of a timed phase and of the warm-up, timed rounds, connections of the saturation phase, the fixed
     * rates, wrk's threads, the topic's partitions, the data folder (emptied first) and gateway settings for the run.
     */
    public record Settings(int seconds, int warmupSeconds, int rounds, int connections, List<Integer> rates,
            int wrkThreads, int partitions, Path dataDir, Map<String, String> gatewaySettings) {
    }

    private final Settings settings;

    public GatewayBench(Settings settings) {
        this.settings = settings;
    }

    public BenchResult run(PrintWriter out, PrintWriter progress) throws Exception {
        BenchEnvironment.print(out);
        BenchPipeline.emptyWithLogFile(settings.dataDir(), "bench.log", progress);
        Path script = settings.dataDir().resolve("ping.lua");
        try (InputStream lua = GatewayBench.class.getResourceAsStream("ping.lua")) {
            Files.copy(lua, script);
        }
        try (KafkaBroker broker = KafkaBroker.start(settings.dataDir().resolve("kafka"));
             Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(GatewayConfig.DEFAULT_TOPIC, settings.partitions(), (short) 1),
                    new NewTopic(CEILING_TOPIC, Optional.of(1), Optional.empty()))).all().get();
            Map<String, String> gatewaySettings = new HashMap<>(settings.gatewaySettings());
            gatewaySettings.put(GatewayConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            gatewaySettings.put(GatewayConfig.LISTEN_HOST_CONFIG, "127.0.0.1");
            gatewaySettings.put(GatewayConfig.LISTEN_PORT_CONFIG, Integer.toString(KafkaBroker.freePort()));
            gatewaySettings.putIfAbsent(GatewayConfig.HEALTH_INTERVAL_MS_CONFIG, "500");
            Gateway gateway = Gateway.start(gatewaySettings);
            try {
                while (!gateway.ready()) {
                    Thread.sleep(100);
                }
                String url = "http://127.0.0.1:" + gateway.port();
                out.printf(Locale.ROOT, "Gateway: %s, topic %s with %d partitions, broker and gateway in this JVM; "
                                + "wrk %d threads on the same cores%s%n", url, GatewayConfig.DEFAULT_TOPIC,
                        settings.partitions(), settings.wrkThreads(), settings.gatewaySettings().isEmpty() ? ""
                                : "; gateway settings " + settings.gatewaySettings());
                out.flush();
                List<WrkPhase> phases = new ArrayList<>();
                phases.add(phase(progress, "warm-up", url, script, settings.connections(),
                        settings.warmupSeconds(), null));
                Map<Integer, Integer> pacedConnections = new LinkedHashMap<>();
                for (int rate : settings.rates()) {
                    pacedConnections.put(rate, calibrate(progress, url, script, rate, phases));
                }
                List<WrkPhase> saturation = new ArrayList<>();
                Map<Integer, List<WrkPhase>> paced = new LinkedHashMap<>();
                for (int round = 1; round <= settings.rounds(); round++) {
                    WrkPhase phase = phase(progress, "round " + round + " saturation", url, script,
                            settings.connections(), settings.seconds(), null);
                    saturation.add(phase);
                    phases.add(phase);
                    for (Map.Entry<Integer, Integer> rate : pacedConnections.entrySet()) {
                        WrkPhase pacedPhase = phase(progress, String.format(Locale.ROOT, "round %d at %,d/s", round,
                                rate.getKey()), url, script, rate.getValue(), settings.seconds(), PACED_DELAY_MS);
                        paced.computeIfAbsent(rate.getKey(), r -> new ArrayList<>()).add(pacedPhase);
                        phases.add(pacedPhase);
                    }
                }
                out.println();
                saturation.forEach(out::println);
                paced.values().forEach(list -> list.forEach(out::println));
                out.println("(cores: this JVM, broker and gateway; wrk runs beside it on the same 2 cores)");
                long accepted = countCheck(out, url, broker.bootstrapServers(),
                        phases.stream().mapToLong(WrkPhase::ok).sum());
                int recordSize = averageValueSize(broker.bootstrapServers());
                long ceilingRecords = Math.max(CEILING_MIN_RECORDS, accepted / 4);
                progress(progress, String.format(Locale.ROOT, "ceiling: ProducerPerformance %s", String.join(" ",
                        ProducerPerformanceCeiling.arguments(broker.bootstrapServers(), CEILING_TOPIC, ceilingRecords,
                                recordSize))));
                ProducerPerformanceSummary ceiling = ProducerPerformanceCeiling.run(broker.bootstrapServers(),
                        CEILING_TOPIC, ceilingRecords, recordSize, System.err);
                out.printf(Locale.ROOT, "ceiling: ProducerPerformance %,.0f records/s of %d B (the pings' value "
                        + "size), acks=all, one partition%n", ceiling.recordsPerSecond(), recordSize);
                return result(saturation, paced, ceiling);
            } finally {
                progress(progress, "stopping");
                gateway.close();
            }
        }
    }

    private BenchResult result(List<WrkPhase> saturation, Map<Integer, List<WrkPhase>> paced,
            ProducerPerformanceSummary ceiling) {
        List<Figure> figures = new ArrayList<>();
        figures.add(Figure.ofAtLeast("saturation, " + settings.connections() + " connections", "pings/s",
                saturation.stream().map(WrkPhase::perSecond).toList(), SATURATION_TARGET)
                .against(ceiling.recordsPerSecond()));
        figures.add(Figure.of("saturation p99", "ms", saturation.stream().map(WrkPhase::p99Millis).toList()));
        paced.forEach((rate, phases) -> {
            String at = String.format(Locale.ROOT, "at %,d/s", rate);
            figures.add(Figure.of("rate reached " + at, "pings/s", phases.stream().map(WrkPhase::perSecond).toList()));
            figures.add(Figure.ofAtMost("p99 " + at, "ms", phases.stream().map(WrkPhase::p99Millis).toList(),
                    P99_TARGET_MILLIS));
        });
        return new BenchResult("bench gateway", figures, BenchEnvironment.peakRssBytes(), "this JVM: broker and gateway");
    }

    /** The paced connections that reach {@code rate}, found by short paced runs (added to {@code phases}). */
    private int calibrate(PrintWriter progress, String url, Path script, int rate, List<WrkPhase> phases)
            throws IOException, InterruptedException {
        int connections = Math.max(1, (int) Math.ceil(rate * PACED_DELAY_MS / 1000.0));
        for (int trial = 1; trial <= CALIBRATION_TRIALS; trial++) {
            WrkPhase calibration = phase(progress, String.format(Locale.ROOT, "calibration %d at %,d/s", trial,
                    rate), url, script, connections, CALIBRATION_SECONDS, PACED_DELAY_MS);
            phases.add(calibration);
            connections = (int) Math.ceil(connections * rate / calibration.perSecond());
        }
        return connections;
    }

    private WrkPhase phase(PrintWriter progress, String name, String url, Path script, int connections, int seconds,
            Integer delayMs) throws IOException, InterruptedException {
        progress(progress, String.format(Locale.ROOT, "%s: wrk, %d connections%s, %d s", name, connections,
                delayMs == null ? "" : " waiting " + delayMs + " ms before each request", seconds));
        WrkPhase phase = WrkPhase.run(name, url, script, settings.wrkThreads(), connections, seconds, delayMs);
        progress(progress, phase.toString());
        return phase;
    }

    /**
     * Waits until the gateway's producer holds nothing, then compares the records in Kafka with the pings the
     * gateway accepted and acknowledged, and at least the 200s wrk read (it drops the answers in flight when it
     * stops); a mismatch fails the bench. Returns the records.
     */
    private static long countCheck(PrintWriter out, String url, String bootstrapServers, long okRead)
            throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String metrics;
        do {
            Thread.sleep(200);
            metrics = http.send(HttpRequest.newBuilder(URI.create(url + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } while (sample(metrics, "gateway_buffer_records") > 0);
        long accepted = (long) sample(metrics, "gateway_pings_accepted_total");
        long delivered = (long) sample(metrics, "gateway_pings_delivered_total");
        long records;
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrapServers)) {
            List<TopicPartition> partitions = consumer.partitionsFor(GatewayConfig.DEFAULT_TOPIC).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            records = consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
        String counts = String.format(Locale.ROOT, "%,d records in Kafka, %,d pings accepted, %,d acknowledged "
                + "(200 sent), %,d 200s read by wrk", records, accepted, delivered, okRead);
        if (records != accepted || records != delivered || okRead > records) {
            throw new IllegalStateException("count check failed: " + counts);
        }
        out.println("count check: " + counts + ": every acknowledged ping is in Kafka once");
        return records;
    }

    /** The average value size of the first pings in the topic: the record size of the ceiling. */
    private static int averageValueSize(String bootstrapServers) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrapServers)) {
            TopicPartition first = new TopicPartition(GatewayConfig.DEFAULT_TOPIC, 0);
            consumer.assign(List.of(first));
            consumer.seekToBeginning(List.of(first));
            long bytes = 0;
            int count = 0;
            while (count == 0) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
                    bytes += record.serializedValueSize();
                    count++;
                }
            }
            return (int) (bytes / count);
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String bootstrapServers) {
        return new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrapServers, "isolation.level", "read_committed",
                "max.poll.records", "1000"), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** The value of a sample in Prometheus' text format, 0 when absent. */
    private static double sample(String metrics, String name) {
        return metrics.lines().filter(line -> line.startsWith(name + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(name.length() + 1).trim())).orElse(0.0);
    }

    private static void progress(PrintWriter progress, String line) {
        progress.println(line);
        progress.flush();
    }
}
