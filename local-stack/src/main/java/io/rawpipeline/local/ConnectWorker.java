package io.rawpipeline.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.connect.cli.ConnectDistributed;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.connect.runtime.distributed.DistributedHerder;

/**
 * A distributed Kafka Connect worker in this JVM, started as {@code connect-distributed.sh} starts one, with
 * exactly-once source support; driven through its REST API, as an engineer drives it.
 */
public final class ConnectWorker implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Connect<DistributedHerder> connect;
    private final URI rest;
    private final HttpClient http = HttpClient.newHttpClient();

    private ConnectWorker(Connect<DistributedHerder> connect) {
        this.connect = connect;
        this.rest = connect.rest().advertisedUrl();
    }

    /**
     * @param groupId    the Connect cluster: workers with the same group and internal topics share connectors
     * @param pluginPath the worker's {@code plugin.path}, whose plugins carry ServiceLoader manifests
     */
    public static ConnectWorker start(String bootstrapServers, String groupId, Path pluginPath) {
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("group.id", groupId);
        props.put("config.storage.topic", groupId + "-configs");
        props.put("offset.storage.topic", groupId + "-offsets");
        props.put("status.storage.topic", groupId + "-status");
        props.put("config.storage.replication.factor", "1");
        props.put("offset.storage.replication.factor", "1");
        props.put("status.storage.replication.factor", "1");
        props.put("key.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        props.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        props.put("exactly.once.source.support", "enabled");
        props.put("offset.flush.interval.ms", "1000");
        props.put("listeners", "http://127.0.0.1:0");
        props.put("plugin.path", pluginPath.toAbsolutePath().toString());
        props.put("plugin.discovery", "service_load");
        props.put("config.providers", "env,file");
        props.put("config.providers.env.class", "org.apache.kafka.common.config.provider.EnvVarConfigProvider");
        // ${file:<path>:<key>}: a setting read from a properties file each time a connector or task starts
        props.put("config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider");
        return new ConnectWorker(new ConnectDistributed().startConnect(props));
    }

    public URI restUrl() {
        return rest;
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

    /** Stops the worker: its tasks stop, commit what they can, and leave the group. */
    @Override
    public void close() {
        connect.stop();
        connect.awaitStop();
    }
}
