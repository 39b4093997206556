package io.rawpipeline.gateway;

import static io.rawpipeline.gateway.GatewayHarness.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rawpipeline.gateway.config.GatewayConfig;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Kafka goes away: a ping is answered 200 only once Kafka has it, so now each waits {@code ack.timeout.ms} and is
 * answered 503 not_acknowledged, kept in the bounded buffer (bounded in records for one gateway, in bytes for the
 * other) until it is full; then pings are refused at once, 503 buffer_full; /healthz says not ready. Kafka comes
 * back: every ping answered 200 and every one kept is in the topic exactly once, none refused.
 */
class GatewayBackPressureIT {

    private static final int MAX_RECORDS = 40;
    private static final String PADDING = "&pad=" + "p".repeat(2000);
    private static final String ACK_TIMEOUT_MS = "300";

    private static GatewayHarness harness;
    private static Gateway byRecords;
    private static Gateway byBytes;

    @BeforeAll
    static void start() throws Exception {
        harness = GatewayHarness.start();
        byRecords = harness.startGateway(Map.of(
                GatewayConfig.BUFFER_MAX_RECORDS_CONFIG, Integer.toString(MAX_RECORDS),
                GatewayConfig.RETRY_AFTER_SECONDS_CONFIG, "7",
                GatewayConfig.ACK_TIMEOUT_MS_CONFIG, ACK_TIMEOUT_MS));
        byBytes = harness.startGateway(Map.of(
                GatewayConfig.BUFFER_MAX_BYTES_CONFIG, "65536",
                GatewayConfig.PRODUCER_PREFIX + "batch.size", "16384",
                GatewayConfig.ACK_TIMEOUT_MS_CONFIG, ACK_TIMEOUT_MS));
    }

    @AfterAll
    static void stop() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void keepsPingsWhileKafkaIsAwayWithoutAnswering200ThenDeliversEachOnce() throws Exception {
        List<String> accepted = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            assertThat(ping(byRecords, "before-" + i, "").statusCode()).isEqualTo(200);
            accepted.add("before-" + i);
        }
        await().atMost(Duration.ofSeconds(10)).until(() ->
                sample(harness.metrics(byRecords), "gateway_buffer_records") == 0);

        harness.stopBroker();
        pingUntilRefused(byRecords, "records-", "", kept, refused);
        assertThat(kept).filteredOn(id -> id.startsWith("records-")).hasSize(MAX_RECORDS);
        pingUntilRefused(byBytes, "bytes-", PADDING, kept, refused);
        assertThat(kept).filteredOn(id -> id.startsWith("bytes-")).hasSizeBetween(1, 40);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            HttpResponse<String> health = harness.get(byRecords, "/healthz");
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(health.body()).startsWith("not ready: ");
        });
        String metrics = harness.metrics(byRecords);
        assertThat(sample(metrics, "gateway_buffer_records")).isEqualTo(MAX_RECORDS);
        assertThat(sample(metrics, "gateway_kafka_ready")).isZero();
        assertThat(sample(metrics, "gateway_requests_rejected_total{reason=\"buffer_full\",status=\"503\"}"))
                .isEqualTo(refused.stream().filter(id -> id.startsWith("records-")).count());
        assertThat(sample(metrics, "gateway_requests_rejected_total{reason=\"not_acknowledged\",status=\"503\"}"))
                .isEqualTo(MAX_RECORDS);
        assertThat(sample(harness.metrics(byBytes), "gateway_buffer_bytes")).isPositive();

        harness.startBroker();
        await().atMost(Duration.ofSeconds(30)).until(() -> harness.get(byRecords, "/healthz").statusCode() == 200);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                sample(harness.metrics(byRecords), "gateway_buffer_records") == 0);
        for (int i = 0; i < 5; i++) {
            assertThat(ping(byRecords, "after-" + i, "").statusCode()).isEqualTo(200);
            accepted.add("after-" + i);
        }

        List<String> delivered = new ArrayList<>(accepted);
        delivered.addAll(kept);
        List<ConsumerRecord<byte[], byte[]>> records = harness.readSince(harness.beginning(), delivered.size());
        List<String> ids = records.stream().map(record -> idOf(new String(record.value(), StandardCharsets.UTF_8)))
                .toList();
        assertThat(ids).as("every ping answered 200 and every one kept, once").hasSize(delivered.size())
                .containsExactlyInAnyOrderElementsOf(delivered);
        assertThat(ids).as("no ping refused").doesNotContainAnyElementsOf(refused);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                sample(harness.metrics(byBytes), "gateway_buffer_records") == 0);
        assertThat(sample(harness.metrics(byRecords), "gateway_pings_lost_total")).isZero();
        assertThat(sample(harness.metrics(byBytes), "gateway_pings_lost_total")).isZero();
    }

    /**
     * Pings until five in a row are refused: before, each is answered 503 not_acknowledged and kept; every answer is
     * a 503 with Retry-After, never a 200.
     */
    private static void pingUntilRefused(Gateway gateway, String prefix, String padding, List<String> kept,
                                         List<String> refused) throws Exception {
        int refusedInARow = 0;
        for (int i = 0; i < 500 && refusedInARow < 5; i++) {
            String id = prefix + i;
            HttpResponse<String> response = ping(gateway, id, padding);
            assertThat(response.statusCode()).as("nothing is answered 200 while Kafka is away").isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).isPresent();
            if (response.body().contains("may still be delivered")) {
                kept.add(id);
                refusedInARow = 0;
            } else {
                assertThat(response.body()).contains("buffer of pings waiting for Kafka is full");
                if (gateway == byRecords) {
                    assertThat(response.headers().firstValue("Retry-After")).hasValue("7");
                }
                refused.add(id);
                refusedInARow++;
            }
        }
        assertThat(refusedInARow).as("the buffer filled up").isEqualTo(5);
    }

    private static HttpResponse<String> ping(Gateway gateway, String id, String padding) throws Exception {
        return harness.get(gateway, "/security?id=" + id + "&b=9.0&uc=1" + padding);
    }

    private static String idOf(String query) {
        int start = query.indexOf("id=") + 3;
        int end = query.indexOf('&', start);
        return query.substring(start, end < 0 ? query.length() : end);
    }
}
