package io.rawpipeline.streams.status;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams.State;

/**
 * The parse app's HTTP endpoint, for Kubernetes probes, compose health checks and Prometheus:
 * <ul>
 *   <li>{@code GET /healthz/live}: 200 while Kafka Streams is created, rebalancing or running; 503 once it has
 *       failed or is shutting down (restart the instance);</li>
 *   <li>{@code GET /healthz/ready}: 200 only while running (a member of the group with its tasks assigned);</li>
 *   <li>{@code GET /metrics}: Kafka Streams' and its clients' metrics in Prometheus' text format.</li>
 * </ul>
 * The body of a health answer is the state's name.
 */
public final class StatusEndpoint implements AutoCloseable {

    private static final Set<State> LIVE = EnumSet.of(State.CREATED, State.REBALANCING, State.RUNNING);

    private final HttpServer server;

    private StatusEndpoint(HttpServer server) {
        this.server = server;
    }

    /** Serves on {@code port} of every interface (0: a free port). */
    public static StatusEndpoint start(int port, Supplier<State> state,
            Supplier<Map<MetricName, ? extends Metric>> metrics) throws IOException {
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(new KafkaMetricsCollector(metrics));
        PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

        HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
        server.createContext("/healthz/live", exchange -> health(exchange, state.get(), LIVE::contains));
        server.createContext("/healthz/ready", exchange -> health(exchange, state.get(), s -> s == State.RUNNING));
        server.createContext("/metrics", exchange -> {
            if (!isGet(exchange)) {
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", writer.getContentType());
            if (exchange.getRequestMethod().equals("HEAD")) {
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
                return;
            }
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream body = exchange.getResponseBody()) {
                writer.write(body, registry.scrape());
            }
        });
        server.createContext("/", exchange -> answer(exchange, 404, "not found: " + exchange.getRequestURI().getPath()));
        // one thread: probes and scrapes are rare, and the metrics are read under Kafka's own locks anyway
        server.setExecutor(Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "parse-app-status");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
        return new StatusEndpoint(server);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static void health(HttpExchange exchange, State state, Predicate<State> healthy) throws IOException {
        if (isGet(exchange)) {
            answer(exchange, healthy.test(state) ? 200 : 503, state.name());
        }
    }

    private static boolean isGet(HttpExchange exchange) throws IOException {
        if (exchange.getRequestMethod().equals("GET") || exchange.getRequestMethod().equals("HEAD")) {
            return true;
        }
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        answer(exchange, 405, "method not allowed: " + exchange.getRequestMethod());
        return false;
    }

    private static void answer(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = (text + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (!head) {
                out.write(body);
            }
        }
    }
}
