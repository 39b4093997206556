package io.rawpipeline.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.rawpipeline.formats.RawLineHeaders;
import io.rawpipeline.local.ApicurioRegistry;
import io.rawpipeline.local.KafkaCluster;
import io.rawpipeline.registry.RegistryConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parse app starts with a cold schema cache while the registry's process is gone, longer than its client
 * retries: the records wait (no row, no dead letter, the app keeps running) and are parsed once the registry is back.
 */
class ParseAppRegistryOutageIT {

    private static final Duration OUTAGE = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void recordsWaitForARegistryThatIsDownAndNoneIsDeadLettered() throws Exception {
        Path log = Path.of("target", "apicurio-ParseAppRegistryOutageIT.log");
        try (KafkaCluster kafka = KafkaCluster.start()) {
            ApicurioRegistry registry = ApicurioRegistry.start(log, ApicurioRegistry.DEFAULT_START_TIMEOUT,
                    dir.resolve("registry"));
            int port = registry.port();
            String url = registry.url();
            registry.close();

            Map<String, Object> settings = new HashMap<>();
            settings.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            settings.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("streams").toString());
            settings.put("http.port", "-1");
            settings.put(RegistryConfig.SCHEMA_REGISTRY_URL_CONFIG, url);
            // gives up after about a second: the outage lasts far longer than the client's retries
            settings.put(RegistryConfig.RETRIES_CONFIG, "2");
            settings.put(RegistryConfig.RETRY_BACKOFF_MS_CONFIG, "200");
            try (ParseApp app = new ParseApp(settings)) {
                app.start();
                try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                        new ByteArraySerializer(), new ByteArraySerializer())) {
                    for (int i = 1; i <= 20; i++) {
                        String query = i == 20 ? "id=bad&uc=many" : "id=server" + i + "&b=9.1&uc=" + i;
                        RecordHeaders headers = new RecordHeaders();
                        headers.add(RawLineHeaders.SOURCE_FILE, "http:gateway".getBytes(StandardCharsets.UTF_8));
                        headers.add(RawLineHeaders.SOURCE_LINE, Integer.toString(i).getBytes(StandardCharsets.UTF_8));
                        producer.send(new ProducerRecord<>("raw.telemetry", null, (byte[]) null,
                                query.getBytes(StandardCharsets.UTF_8), headers));
                    }
                }

                Thread.sleep(OUTAGE.toMillis());
                assertThat(app.state()).as("the app keeps running").isNotIn(KafkaStreams.State.ERROR,
                        KafkaStreams.State.NOT_RUNNING, KafkaStreams.State.PENDING_SHUTDOWN);
                assertThat(count(kafka, "telemetry.security_pings")).as("rows while the registry is down").isZero();
                assertThat(count(kafka, "dead-letters.parse")).as("dead letters while the registry is down")
                        .isZero();

                try (ApicurioRegistry back = ApicurioRegistry.start(log, ApicurioRegistry.DEFAULT_START_TIMEOUT,
                        dir.resolve("registry"), port)) {
                    Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                            .until(() -> count(kafka, "telemetry.security_pings") >= 19);
                    assertThat(count(kafka, "telemetry.security_pings")).as("each ping once").isEqualTo(19);
                    Awaitility.await().atMost(Duration.ofSeconds(30))
                            .until(() -> count(kafka, "dead-letters.parse") == 1);
                    assertThat(app.state()).isEqualTo(KafkaStreams.State.RUNNING);
                }
            }
        }
    }

    /** Committed records of a topic, from its start. */
    private static long count(KafkaCluster kafka, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "count-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long records = 0;
            long quietSince = System.nanoTime();
            while (System.nanoTime() - quietSince < Duration.ofSeconds(3).toNanos()) {
                int polled = consumer.poll(Duration.ofMillis(200)).count();
                if (polled > 0) {
                    records += polled;
                    quietSince = System.nanoTime();
                }
            }
            return records;
        }
    }
}
