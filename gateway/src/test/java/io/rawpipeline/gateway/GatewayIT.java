package io.rawpipeline.gateway;

import static io.rawpipeline.gateway.GatewayHarness.rawGet;
import static io.rawpipeline.gateway.GatewayHarness.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rawpipeline.formats.RawLineHeaders;
import io.rawpipeline.gateway.config.GatewayConfig;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Pings in, exact records out; bad requests answered clearly and counted. One broker and one gateway. */
class GatewayIT {

    private static GatewayHarness harness;
    private static Gateway gateway;

    @BeforeAll
    static void start() throws Exception {
        harness = GatewayHarness.start();
        gateway = harness.startGateway(Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void pingsLandAsReceivedWithTheirHeaders() throws Exception {
        Map<TopicPartition, Long> mark = harness.endOffsets();
        long before = System.currentTimeMillis();
        Map<String, String> expectedIp = new HashMap<>();
        Map<String, String> expectedAgent = new HashMap<>();
        int pings = 20;
        for (int i = 0; i < pings; i++) {
            String query = "id=srv-" + i + "&b=9.11.0%2Bent&be=true&db=postgres&os=linux&uc=12&tc=3&auc=7&ut=0";
            List<String> headers = new ArrayList<>(List.of("User-Agent", "Mattermost-Server/9.11." + i));
            if (i % 2 == 0) {
                headers.addAll(List.of("X-Forwarded-For", " 203.0.113." + i + " , 10.0.0.1, 10.0.0.2"));
                expectedIp.put(query, "203.0.113." + i);
            } else {
                expectedIp.put(query, "127.0.0.1");
            }
            expectedAgent.put(query, "Mattermost-Server/9.11." + i);
            HttpResponse<String> response = harness.get(gateway, "/security?" + query, headers.toArray(String[]::new));
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("[]");
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        }
        long after = System.currentTimeMillis();

        List<ConsumerRecord<byte[], byte[]>> records = harness.readSince(mark, pings);
        assertThat(records).hasSize(pings);
        for (ConsumerRecord<byte[], byte[]> record : records) {
            String query = new String(record.value(), StandardCharsets.UTF_8);
            assertThat(expectedIp).containsKey(query);
            assertThat(record.key()).isNull();
            assertThat(header(record, RawLineHeaders.CLIENT_IP)).isEqualTo(expectedIp.remove(query));
            assertThat(header(record, RawLineHeaders.USER_AGENT)).isEqualTo(expectedAgent.get(query));
            assertThat(Long.parseLong(header(record, RawLineHeaders.INGESTED_AT))).isBetween(before, after)
                    .isEqualTo(record.timestamp());
            assertThat(record.headers().lastHeader(RawLineHeaders.SOURCE_FILE)).isNull();
            assertThat(record.headers().lastHeader(RawLineHeaders.SOURCE_LINE)).isNull();
        }
        assertThat(expectedIp).as("pings not found in Kafka").isEmpty();
    }

    @Test
    void garbageQueriesLandByteForByte() throws Exception {
        Map<TopicPartition, Long> mark = harness.endOffsets();
        String garbage = "%zz&&=&uc=many&be=maybe&id&id=twice";
        assertThat(harness.raw(gateway, rawGet("/security?" + garbage))).startsWith("HTTP/1.1 200 OK");
        byte[] nonAscii = "id=caf\u00e9&os=\u00fcber".getBytes(StandardCharsets.UTF_8);
        byte[] request = concat("GET /security?".getBytes(StandardCharsets.US_ASCII), nonAscii,
                " HTTP/1.1\r\nHost: x\r\nUser-Agent: bot \u00e9\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(harness.raw(gateway, request)).startsWith("HTTP/1.1 200 OK");

        List<ConsumerRecord<byte[], byte[]>> records = harness.readSince(mark, 2);
        assertThat(records).extracting(record -> new String(record.value(), StandardCharsets.UTF_8))
                .containsExactlyInAnyOrder(garbage, new String(nonAscii, StandardCharsets.UTF_8));
        assertThat(records).extracting(record -> header(record, RawLineHeaders.USER_AGENT))
                .contains("bot \u00e9");
    }

    @Test
    void answersBadRequestsClearlyAndCountsThem() throws Exception {
        String metricsBefore = harness.metrics(gateway);
        Map<TopicPartition, Long> mark = harness.endOffsets();

        // the request line "GET <target> HTTP/1.1" at the limit is taken, one byte more is not
        String prefix = "/security?id=long&pad=";
        int atLimit = 8192 - "GET ".length() - " HTTP/1.1".length() - prefix.length();
        assertThat(harness.raw(gateway, rawGet(prefix + "x".repeat(atLimit)))).startsWith("HTTP/1.1 200 OK");
        String tooLong = harness.raw(gateway, rawGet(prefix + "x".repeat(atLimit + 1)));
        assertThat(tooLong).startsWith("HTTP/1.1 414 ").contains("request line longer than 8192 bytes");
        assertThat(harness.get(gateway, "/security?id=x&pad=" + "y".repeat(9000)).statusCode()).isEqualTo(414);

        HttpResponse<String> post = harness.send(HttpRequest.newBuilder(harness.uri(gateway, "/security?id=p"))
                .POST(HttpRequest.BodyPublishers.ofString("id=p")).build());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET");
        HttpResponse<String> delete = harness.send(HttpRequest.newBuilder(harness.uri(gateway, "/healthz"))
                .DELETE().build());
        assertThat(delete.statusCode()).isEqualTo(405);

        assertThat(harness.get(gateway, "/other?id=x").statusCode()).isEqualTo(404);
        assertThat(harness.get(gateway, "/").statusCode()).isEqualTo(404);
        assertThat(harness.get(gateway, "/security").statusCode()).isEqualTo(400);
        assertThat(harness.get(gateway, "/security?").statusCode()).isEqualTo(400);
        assertThat(harness.raw(gateway, "NOT HTTP AT ALL\r\n\r\n".getBytes(StandardCharsets.US_ASCII)))
                .startsWith("HTTP/1.1 400 ");

        assertThat(harness.readSince(mark, 1)).as("only the ping at the limit").hasSize(1);
        String metrics = harness.metrics(gateway);
        assertThat(delta(metricsBefore, metrics, "gateway_pings_accepted_total")).isEqualTo(1);
        assertThat(delta(metricsBefore, metrics, rejected("uri_too_long", 414))).isEqualTo(2);
        assertThat(delta(metricsBefore, metrics, rejected("method_not_allowed", 405))).isEqualTo(2);
        assertThat(delta(metricsBefore, metrics, rejected("not_found", 404))).isEqualTo(2);
        assertThat(delta(metricsBefore, metrics, rejected("empty_query", 400))).isEqualTo(2);
        assertThat(delta(metricsBefore, metrics, rejected("bad_request", 400))).isEqualTo(1);
    }

    @Test
    void reportsHealthAndMetrics() throws Exception {
        HttpResponse<String> health = harness.get(gateway, "/healthz");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("ready\n");

        harness.get(gateway, "/security?id=metrics");
        HttpResponse<String> metrics = harness.get(gateway, "/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/plain; version=0.0.4"));
        assertThat(metrics.body()).contains("# TYPE gateway_pings_accepted_total counter",
                "# TYPE gateway_produce_latency_seconds histogram", "gateway_produce_latency_seconds_bucket{le=\"",
                "gateway_buffer_records ", "gateway_buffer_bytes ", "gateway_kafka_ready 1");
    }

    @Test
    void shutdownAnswersWhatItReadAndDeliversEveryAcceptedPing() throws Exception {
        // a long linger: at the stop the producer holds pings whose requests wait for Kafka
        Gateway stopping = harness.startGateway(Map.of(GatewayConfig.PRODUCER_PREFIX + "linger.ms", "500",
                GatewayConfig.SHUTDOWN_DRAIN_MS_CONFIG, "500"));
        Map<TopicPartition, Long> mark = harness.endOffsets();
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        AtomicInteger refused = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        for (int client = 0; client < 4; client++) {
            int c = client;
            clients.submit(() -> {
                for (int i = 0; i < 200; i++) {
                    String query = "id=stop-" + c + "-" + i;
                    try {
                        if (harness.get(stopping, "/security?" + query).statusCode() == 200) {
                            accepted.add(query);
                        } else {
                            refused.incrementAndGet();
                        }
                    } catch (Exception e) {
                        refused.incrementAndGet(); // the listener closed: connection refused
                    }
                }
                return null;
            });
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> accepted.size() >= 20);
        stopping.close();
        clients.shutdown();
        assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        List<ConsumerRecord<byte[], byte[]>> records = harness.readSince(mark, accepted.size());
        assertThat(records).extracting(record -> new String(record.value(), StandardCharsets.UTF_8))
                .containsExactlyInAnyOrderElementsOf(accepted);
        assertThat(refused.get()).as("requests after the stop").isPositive();
    }

    private static String rejected(String reason, int status) {
        return "gateway_requests_rejected_total{reason=\"" + reason + "\",status=\"" + status + "\"}";
    }

    private static double delta(String before, String after, String sample) {
        return sample(after, sample) - sample(before, sample);
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        byte[] all = new byte[Arrays.stream(parts).mapToInt(part -> part.length).sum()];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
