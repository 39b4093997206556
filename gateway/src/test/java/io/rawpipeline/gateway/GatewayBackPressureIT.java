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
 * Kafka goes away: pings wait in the bounded buffer (bounded in records for one gateway, in bytes for the other)
 * and are answered 200 until it is full, then 503 with Retry-After; /healthz says not ready. Kafka comes back: every
 * ping answered 200 is in the topic exactly once, none answered 503.
 */
class GatewayBackPressureIT {

    private static final int MAX_RECORDS = 40;
    private static final String PADDING = "&pad=" + "p".repeat(2000);

    private static GatewayHarness harness;
    private static Gateway byRecords;
    private static Gateway byBytes;

    @BeforeAll
    static void start() throws Exception {
        harness = GatewayHarness.start();
        byRecords = harness.startGateway(Map.of(
                GatewayConfig.BUFFER_MAX_RECORDS_CONFIG, Integer.toString(MAX_RECORDS),
                GatewayConfig.RETRY_AFTER_SECONDS_CONFIG, "7"));
        byBytes = harness.startGateway(Map.of(
                GatewayConfig.BUFFER_MAX_BYTES_CONFIG, "65536",
                GatewayConfig.PRODUCER_PREFIX + "batch.size", "16384"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void buffersWhileKafkaIsAwayThenDeliversEveryAcceptedPingOnce() throws Exception {
        List<String> accepted = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            assertThat(ping(byRecords, "before-" + i, "").statusCode()).isEqualTo(200);
            accepted.add("before-" + i);
        }
        await().atMost(Duration.ofSeconds(10)).until(() ->
                sample(harness.metrics(byRecords), "gateway_buffer_records") == 0);

        harness.stopBroker();
        pingUntilRefused(byRecords, "records-", "", accepted, refused);
        assertThat(accepted).filteredOn(id -> id.startsWith("records-")).hasSize(MAX_RECORDS);
        pingUntilRefused(byBytes, "bytes-", PADDING, accepted, refused);
        assertThat(accepted).filteredOn(id -> id.startsWith("bytes-")).hasSizeBetween(1, 40);

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
        assertThat(sample(harness.metrics(byBytes), "gateway_buffer_bytes")).isPositive();

        harness.startBroker();
        await().atMost(Duration.ofSeconds(30)).until(() -> harness.get(byRecords, "/healthz").statusCode() == 200);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                sample(harness.metrics(byRecords), "gateway_buffer_records") == 0);
        for (int i = 0; i < 5; i++) {
            assertThat(ping(byRecords, "after-" + i, "").statusCode()).isEqualTo(200);
            accepted.add("after-" + i);
        }

        List<ConsumerRecord<byte[], byte[]>> records = harness.readSince(harness.beginning(), accepted.size());
        List<String> ids = records.stream().map(record -> idOf(new String(record.value(), StandardCharsets.UTF_8)))
                .toList();
        assertThat(ids).as("every ping answered 200, once").hasSize(accepted.size())
                .containsExactlyInAnyOrderElementsOf(accepted);
        assertThat(ids).as("no ping answered 503").doesNotContainAnyElementsOf(refused);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                sample(harness.metrics(byBytes), "gateway_buffer_records") == 0);
        assertThat(sample(harness.metrics(byRecords), "gateway_pings_lost_total")).isZero();
        assertThat(sample(harness.metrics(byBytes), "gateway_pings_lost_total")).isZero();
    }

    /** Pings until five in a row are refused; every refusal must be a 503 with Retry-After. */
    private static void pingUntilRefused(Gateway gateway, String prefix, String padding, List<String> accepted,
                                         List<String> refused) throws Exception {
        int refusedInARow = 0;
        for (int i = 0; i < 500 && refusedInARow < 5; i++) {
            String id = prefix + i;
            HttpResponse<String> response = ping(gateway, id, padding);
            if (response.statusCode() == 200) {
                accepted.add(id);
                refusedInARow = 0;
            } else {
                assertThat(response.statusCode()).isEqualTo(503);
                assertThat(response.headers().firstValue("Retry-After")).isPresent();
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
