package io.rawpipeline.gateway.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rawpipeline.formats.RawLineHeaders;
import io.rawpipeline.gateway.config.GatewayConfig;
import io.rawpipeline.gateway.metrics.GatewayMetrics;
import io.rawpipeline.gateway.kafka.PingProducer.Outcome;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Map;
import org.apache.kafka.clients.admin.MockAdminClient;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PingProducerTest {

    private static final Node BROKER = new Node(0, "k", 9092);

    private final MockProducer<byte[], byte[]> producer = new MockProducer<>(false, null, new ByteArraySerializer(),
            new ByteArraySerializer());
    private final MockAdminClient admin = new MockAdminClient(List.of(BROKER), BROKER);
    private final GatewayMetrics metrics = new GatewayMetrics();
    private final PingProducer pings = new PingProducer(producer, admin, new GatewayConfig(Map.of(
            "bootstrap.servers", "k:9092", "buffer.max.records", "3", "health.check.interval.ms", "100")), metrics);

    @AfterEach
    void close() {
        pings.close(Duration.ZERO);
    }

    @Test
    void sendsTheQueryWithItsHeadersAndNoKey() {
        assertThat(pings.send(bytes("id=a&uc=1"), 1_700_000_000_123L, bytes("203.0.113.7"), bytes("MM/9"),
                written -> { })).isEqualTo(Outcome.ACCEPTED);
        assertThat(pings.send(bytes("id=b"), 1_700_000_000_124L, bytes("127.0.0.1"), null, written -> { }))
                .isEqualTo(Outcome.ACCEPTED);

        ProducerRecord<byte[], byte[]> first = producer.history().get(0);
        assertThat(first.topic()).isEqualTo("raw.telemetry");
        assertThat(first.key()).isNull();
        assertThat(first.value()).isEqualTo(bytes("id=a&uc=1"));
        assertThat(first.timestamp()).isEqualTo(1_700_000_000_123L);
        assertThat(header(first, RawLineHeaders.INGESTED_AT)).isEqualTo("1700000000123");
        assertThat(header(first, RawLineHeaders.CLIENT_IP)).isEqualTo("203.0.113.7");
        assertThat(header(first, RawLineHeaders.USER_AGENT)).isEqualTo("MM/9");
        assertThat(header(producer.history().get(1), RawLineHeaders.USER_AGENT)).isNull();
    }

    @Test
    void refusesPingsPastTheRecordBoundUntilKafkaAcknowledges() throws Exception {
        List<Boolean> written = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 3; i++) {
            assertThat(pings.send(bytes("id=" + i), System.currentTimeMillis(), bytes("127.0.0.1"), null,
                    written::add)).isEqualTo(Outcome.ACCEPTED);
        }
        assertThat(send()).isEqualTo(Outcome.BUFFER_FULL);
        assertThat(pings.waiting()).isEqualTo(3);
        assertThat(written).as("nothing acknowledged before Kafka answers").isEmpty();

        producer.completeNext();
        assertThat(written).as("the first ping, once Kafka has it").containsExactly(true);
        assertThat(pings.waiting()).isEqualTo(2);
        assertThat(send()).isEqualTo(Outcome.ACCEPTED);
        assertThat(producer.history()).hasSize(4);
        assertThat(exposition()).contains("gateway_pings_delivered_total 1.0", "gateway_buffer_records 3.0",
                "gateway_produce_latency_seconds_count 1");
    }

    @Test
    void countsAnAcceptedPingTheProducerGivesUpOn() throws Exception {
        List<Boolean> written = new CopyOnWriteArrayList<>();
        pings.send(bytes("id=x"), System.currentTimeMillis(), bytes("127.0.0.1"), null, written::add);
        Thread producerIo = new Thread(() -> producer.errorNext(new TimeoutException("expired")));
        producerIo.start();
        producerIo.join();

        assertThat(pings.waiting()).isZero();
        assertThat(written).containsExactly(false);
        assertThat(exposition()).contains("gateway_pings_lost_total 1.0");
    }

    @Test
    void answersClosedOnceClosing() {
        pings.close(Duration.ZERO);

        assertThat(send()).isEqualTo(Outcome.CLOSED);
    }

    @Test
    void readyOnlyWhenKafkaDescribesTheTopic() {
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !pings.ready());
        assertThat(pings.notReadyReason()).contains("raw.telemetry");

        admin.addTopic(false, "raw.telemetry", List.of(new TopicPartitionInfo(0, BROKER, List.of(BROKER),
                List.of(BROKER))), Map.of());
        await().atMost(Duration.ofSeconds(5)).until(pings::ready);
    }

    private Outcome send() {
        return pings.send(bytes("id=x"), System.currentTimeMillis(), bytes("127.0.0.1"), null, written -> {
            throw new AssertionError("a refused ping is never acknowledged");
        });
    }

    private String exposition() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        metrics.write(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String key) {
        var header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
