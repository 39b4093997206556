package io.rawpipeline.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/** The REST API of a Connect worker, in this JVM or another process, as an engineer drives it. */
public class ConnectRest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final URI rest;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public ConnectRest(URI rest) {
        this.rest = rest;
    }

    public URI restUrl() {
        return rest;
    }

    /** Whether the worker answers {@code GET /} (its REST server is up; it may still be joining its group). */
    public boolean answers() {
        try {
            HttpRequest root = HttpRequest.newBuilder(rest.resolve("/")).timeout(Duration.ofSeconds(2)).build();
            return http.send(root, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notUp) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Creates or updates a connector ({@code PUT /connectors/<name>/config}). */
    public void putConnector(String name, Map<String, String> config) throws IOException, InterruptedException {
        send(HttpRequest.newBuilder(rest.resolve("/connectors/" + name + "/config"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(config))), 200, 201);
    }

    /** Deletes a connector ({@code DELETE /connectors/<name>}); its offsets stay where its tasks keep them. */
    public void deleteConnector(String name) throws IOException, InterruptedException {
        send(HttpRequest.newBuilder(rest.resolve("/connectors/" + name)).DELETE(), 204);
    }

    /** {@code GET <path>} of the REST API, e.g. {@code /connectors?expand=status&expand=info}. */
    public JsonNode get(String path) throws IOException, InterruptedException {
        return JSON.readTree(send(HttpRequest.newBuilder(rest.resolve(path)).GET(), 200));
    }

    /** {@code GET /connectors/<name>/status}. */
    public JsonNode status(String name) throws IOException, InterruptedException {
        return JSON.readTree(send(HttpRequest.newBuilder(rest.resolve("/connectors/" + name + "/status")).GET(),
                200));
    }

    /** Waits until the connector and all its tasks are RUNNING; fails at once with the trace of a FAILED one. */
    public void awaitRunning(String name) throws IOException, InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            JsonNode status = null;
            try {
                status = status(name);
            } catch (IOException notYet) {
                // 404 until the herder has read the config back
            }
            if (status != null) {
                boolean running = "RUNNING".equals(status.path("connector").path("state").asText())
                        && !status.path("tasks").isEmpty();
                for (JsonNode task : status.path("tasks")) {
                    String state = task.path("state").asText();
                    if ("FAILED".equals(state)) {
                        throw new IllegalStateException("Connector " + name + " task " + task.path("id")
                                + " failed: " + task.path("trace").asText());
                    }
                    running &= "RUNNING".equals(state);
                }
                if (running) {
                    return;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("Connector " + name + " not running after " + TIMEOUT + ": " + status);
            }
            Thread.sleep(200);
        }
    }

    private String send(HttpRequest.Builder builder, int... expected) throws IOException, InterruptedException {
        HttpRequest request = builder.timeout(TIMEOUT).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        for (int status : expected) {
            if (response.statusCode() == status) {
                return response.body();
            }
        }
        throw new IOException(request.method() + " " + request.uri() + " answered " + response.statusCode() + ": "
                + response.body());
    }
}
