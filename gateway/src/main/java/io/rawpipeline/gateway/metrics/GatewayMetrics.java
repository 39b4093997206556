package io.rawpipeline.gateway.metrics;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * What the gateway counts, exposed at {@code /metrics} in Prometheus' text format: pings accepted, requests
 * rejected by reason, pings delivered or lost after acceptance, produce latency, and what waits in the producer.
 */
public final class GatewayMetrics {

    /** Why a request was not accepted as a ping, with the status it is answered. */
    public enum Rejection {
        BAD_REQUEST(400), EMPTY_QUERY(400), NOT_FOUND(404), METHOD_NOT_ALLOWED(405), URI_TOO_LONG(414),
        HEADERS_TOO_LARGE(431), BUFFER_FULL(503), KAFKA_UNAVAILABLE(503), NOT_ACKNOWLEDGED(503),
        SHUTTING_DOWN(503);

        private final int status;

        Rejection(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final double[] LATENCY_BOUNDS_SECONDS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
            0.5, 1, 2.5, 5, 10, 30, 60, 300};
    private static final double NANOS_PER_SECOND = 1e9;

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final Counter accepted;
    private final Map<Rejection, CounterDataPoint> rejected = new EnumMap<>(Rejection.class);
    private final Counter delivered;
    private final Counter lost;
    private final Histogram produceLatency;

    public GatewayMetrics() {
        accepted = Counter.builder().name("gateway_pings_accepted_total")
                .help("Pings accepted into the producer and answered 200.").withoutExemplars().register(registry);
        Counter rejections = Counter.builder().name("gateway_requests_rejected_total")
                .help("Requests not accepted as pings, by reason and the status they were answered.")
                .labelNames("reason", "status").withoutExemplars().register(registry);
        for (Rejection rejection : Rejection.values()) {
            rejected.put(rejection, rejections.labelValues(rejection.label(), Integer.toString(rejection.status)));
        }
        delivered = Counter.builder().name("gateway_pings_delivered_total")
                .help("Accepted pings Kafka acknowledged (acks=all).").withoutExemplars().register(registry);
        lost = Counter.builder().name("gateway_pings_lost_total")
                .help("Accepted pings the producer gave up on (a fatal producer error, or still undelivered when the "
                        + "shutdown timeout ran out); each is logged.").withoutExemplars().register(registry);
        produceLatency = Histogram.builder().name("gateway_produce_latency_seconds")
                .help("From handing a ping to the producer to Kafka's acknowledgement.")
                .classicOnly().classicUpperBounds(LATENCY_BOUNDS_SECONDS).withoutExemplars().register(registry);
    }

    /** Registers the gauges of the producer's side: what waits in it, and whether Kafka answers. */
    public void watch(LongSupplier waitingRecords, LongSupplier waitingBytes, BooleanSupplier ready) {
        GaugeWithCallback.builder().name("gateway_buffer_records")
                .help("Pings accepted and not yet acknowledged by Kafka (bounded by buffer.max.records).")
                .callback(callback -> callback.call(waitingRecords.getAsLong())).register(registry);
        GaugeWithCallback.builder().name("gateway_buffer_bytes")
                .help("Bytes of the producer's buffer in use (bounded by buffer.max.bytes).")
                .callback(callback -> callback.call(waitingBytes.getAsLong())).register(registry);
        GaugeWithCallback.builder().name("gateway_kafka_ready")
                .help("1 when the last health check reached Kafka and found the topic, else 0.")
                .callback(callback -> callback.call(ready.getAsBoolean() ? 1 : 0)).register(registry);
    }

    public void accepted() {
        accepted.inc();
    }

    public void rejected(Rejection rejection) {
        rejected.get(rejection).inc();
    }

    public void delivered(long latencyNanos) {
        delivered.inc();
        produceLatency.observe(latencyNanos / NANOS_PER_SECOND);
    }

    public void lost() {
        lost.inc();
    }

    public String contentType() {
        return writer.getContentType();
    }

    public void write(OutputStream out) throws IOException {
        writer.write(out, registry.scrape());
    }
}
