package io.rawpipeline.local.pipeline;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A registry as clients meet it on a bad day: an HTTP proxy in front of the real one that passes requests through,
 * answers every one with 500, or answers each only after a delay.
 */
final class RegistryProxy implements AutoCloseable {

    enum Mode { PASS, ERROR_500, SLOW }

    static final Duration SLOW_ANSWER = Duration.ofSeconds(5);

    private final HttpServer server;
    private final ExecutorService answering = Executors.newFixedThreadPool(8);
    private final HttpClient http = HttpClient.newHttpClient();
    private final String target;
    private volatile Mode mode = Mode.PASS;

    /** @param registryUrl the real registry's Confluent API, e.g. {@code http://127.0.0.1:8081/apis/ccompat/v7} */
    RegistryProxy(String registryUrl) throws IOException {
        URI url = URI.create(registryUrl);
        this.target = url.getScheme() + "://" + url.getAuthority();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(answering);
        server.createContext("/", this::answer);
        server.start();
    }

    /** The proxy's Confluent API, with the same path as the real one. */
    String url(String registryUrl) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + URI.create(registryUrl).getPath();
    }

    void mode(Mode mode) {
        this.mode = mode;
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (mode == Mode.ERROR_500) {
                send(exchange, 500, "{\"error_code\":50001,\"message\":\"Internal Server Error\"}");
                return;
            }
            if (mode == Mode.SLOW) {
                Thread.sleep(SLOW_ANSWER.toMillis());
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + exchange.getRequestURI()))
                    .method(exchange.getRequestMethod(),
                            HttpRequest.BodyPublishers.ofByteArray(exchange.getRequestBody().readAllBytes()));
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            if (contentType != null) {
                request.header("Content-Type", contentType);
            }
            HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            send(exchange, answer.statusCode(), answer.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        answering.shutdownNow();
    }
}
