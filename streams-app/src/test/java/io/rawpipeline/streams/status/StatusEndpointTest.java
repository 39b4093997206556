package io.rawpipeline.streams.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.Avg;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The probes follow Kafka Streams' state; /metrics shows Kafka's metrics in Prometheus' text format. */
class StatusEndpointTest {

    final HttpClient http = HttpClient.newHttpClient();
    final AtomicReference<State> state = new AtomicReference<>(State.CREATED);
    final Metrics metrics = new Metrics();
    StatusEndpoint endpoint;

    @BeforeEach
    void start() throws Exception {
        endpoint = StatusEndpoint.start(0, state::get, metrics::metrics);
    }

    @AfterEach
    void stop() {
        endpoint.close();
        metrics.close();
    }

    @Test
    void livenessAndReadinessFollowTheState() throws Exception {
        assertThat(get("/healthz/live")).isEqualTo("200 CREATED");
        assertThat(get("/healthz/ready")).isEqualTo("503 CREATED");

        state.set(State.REBALANCING);
        assertThat(get("/healthz/live")).isEqualTo("200 REBALANCING");
        assertThat(get("/healthz/ready")).isEqualTo("503 REBALANCING");

        state.set(State.RUNNING);
        assertThat(get("/healthz/live")).isEqualTo("200 RUNNING");
        assertThat(get("/healthz/ready")).isEqualTo("200 RUNNING");

        state.set(State.ERROR);
        assertThat(get("/healthz/live")).isEqualTo("503 ERROR");
        assertThat(get("/healthz/ready")).isEqualTo("503 ERROR");

        state.set(State.PENDING_SHUTDOWN);
        assertThat(get("/healthz/live")).isEqualTo("503 PENDING_SHUTDOWN");
    }

    @Test
    void kafkaMetricsAreNamedAsStrimzisReporterNamesThemWithTheirTagsAsLabels() throws Exception {
        Sensor records = metrics.sensor("records");
        Map<String, String> tags = Map.of("thread-id", "parse-1", "task-id", "0_1");
        records.add(metrics.metricName("process-total", "stream-task-metrics", "records processed", tags),
                new CumulativeSum());
        records.add(metrics.metricName("process-latency-avg", "stream-task-metrics", "average latency", tags),
                new Avg());
        records.record(4);
        records.record(2);
        metrics.addMetric(metrics.metricName("state", "stream-metrics", "the client's state",
                Map.of("client-id", "parse")), (Gauge<String>) (config, now) -> "RUNNING");
        metrics.addMetric(metrics.metricName("records-lag", "consumer-fetch-manager-metrics", "lag",
                Map.of("client-id", "parse-consumer", "topic", "raw.licenses", "partition", "0")),
                (Gauge<Double>) (config, now) -> 12.0);

        HttpResponse<String> response = http.send(request("/metrics"), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
        assertThat(response.body())
                .contains("kafka_streams_stream_task_metrics_process_total{task_id=\"0_1\",thread_id=\"parse-1\"} 6.0")
                .contains("kafka_streams_stream_task_metrics_process_latency_avg{task_id=\"0_1\","
                        + "thread_id=\"parse-1\"} 3.0")
                .contains("kafka_streams_stream_metrics_state_info{client_id=\"parse\",state=\"RUNNING\"} 1")
                .contains("kafka_consumer_consumer_fetch_manager_metrics_records_lag{client_id=\"parse-consumer\","
                        + "partition=\"0\",topic=\"raw.licenses\"} 12.0")
                // Metrics' own count of metrics is of no client in particular
                .doesNotContain("metrics_count");
    }

    @Test
    void otherPathsAndMethodsAreRefused() throws Exception {
        assertThat(get("/")).isEqualTo("404 not found: /");
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(uri("/healthz/ready"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
    }

    private String get(String path) throws Exception {
        HttpResponse<String> response = http.send(request(path), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body().strip();
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(uri(path)).GET().build();
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + endpoint.port() + path);
    }
}
