package io.rawpipeline.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A local HTTP server standing in for a schema registry in unit tests: either scripted answers (to simulate
 * failures) or a minimal in-memory registry. Records every request.
 */
public final class StubRegistryServer implements AutoCloseable {

    public static final ObjectMapper JSON = new ObjectMapper();

    public record Request(String method, String path, String authorization, String contentType, String body) {
        public JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    public record Response(int status, Object body) {
    }

    private final HttpServer server;
    private final List<Request> requests = new ArrayList<>();
    private final Deque<Response> scripted = new ArrayDeque<>();
    private Function<Request, Response> responder = request -> new Response(500, Map.of("message", "unscripted"));

    public StubRegistryServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers the next requests in this order, then falls back to the responder. */
    public synchronized StubRegistryServer thenAnswer(int status, Object body) {
        scripted.add(new Response(status, body));
        return this;
    }

    public synchronized StubRegistryServer answerWith(Function<Request, Response> responder) {
        this.responder = responder;
        return this;
    }

    /** Serves register, lookup and fetch-by-id from memory, like a registry with compatibility NONE. */
    public StubRegistryServer actAsRegistry() {
        Map<String, Integer> ids = new HashMap<>();
        Map<Integer, String> schemas = new HashMap<>();
        return answerWith(request -> {
            String[] parts = request.path().split("/");
            try {
                if (request.method().equals("GET") && request.path().startsWith("/schemas/ids/")) {
                    String schema = schemas.get(Integer.parseInt(parts[3]));
                    return schema == null ? new Response(404, Map.of("error_code", 40403, "message", "Schema not found"))
                            : new Response(200, Map.of("schema", schema));
                }
                String schema = request.json().get("schema").asText();
                if (request.path().endsWith("/versions")) {
                    int id = ids.computeIfAbsent(schema, s -> 100 + ids.size());
                    schemas.put(id, schema);
                    return new Response(200, Map.of("id", id));
                }
                Integer id = ids.get(schema);
                return id == null ? new Response(404, Map.of("error_code", 40403, "message", "Schema not found"))
                        : new Response(200, Map.of("subject", parts[2], "id", id, "version", 1, "schema", schema));
            } catch (IOException e) {
                return new Response(400, Map.of("error_code", 400, "message", e.toString()));
            }
        });
    }

    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()),
                exchange.getRequestHeaders().getFirst("Authorization"),
                exchange.getRequestHeaders().getFirst("Content-Type"),
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        Response response;
        synchronized (this) {
            requests.add(request);
            response = scripted.isEmpty() ? responder.apply(request) : scripted.poll();
        }
        byte[] body = response.body() instanceof String text ? text.getBytes(StandardCharsets.UTF_8)
                : JSON.writeValueAsBytes(response.body());
        exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        try (var out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
