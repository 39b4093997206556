package io.rawpipeline.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApicurioRegistryIT {

    @TempDir
    Path dir;

    @Test
    void servesTheConfluentCompatibleApiUntilClosed() throws Exception {
        Path logFile = dir.resolve("apicurio.log");
        ProcessHandle server;
        try (ApicurioRegistry registry = ApicurioRegistry.start(logFile, ApicurioRegistry.DEFAULT_START_TIMEOUT)) {
            server = ProcessHandle.of(registry.pid()).orElseThrow();
            HttpResponse<String> subjects = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(registry.url() + "/subjects")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(registry.url()).matches("http://127\\.0\\.0\\.1:\\d+/apis/ccompat/v7");
            assertThat(subjects.statusCode()).isEqualTo(200);
            assertThat(subjects.body()).isEqualTo("[]");
        }
        assertThat(server.isAlive()).isFalse();
        assertThat(Files.size(logFile)).isPositive();
    }

    @Test
    void aStartStopsTheRegistryThatAKilledParentLeftOnTheSameDataAndKeepsTheSchemas() throws Exception {
        Path data = dir.resolve("registry");
        // the first one is not closed, as when the JVM that started it is killed
        ApicurioRegistry leftover = ApicurioRegistry.start(dir.resolve("first.log"),
                ApicurioRegistry.DEFAULT_START_TIMEOUT, data);
        ProcessHandle first = ProcessHandle.of(leftover.pid()).orElseThrow();
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> registered = http.send(HttpRequest.newBuilder(
                        URI.create(leftover.url() + "/subjects/kept-value/versions"))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"schema\": \"\\\"string\\\"\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);

        try (ApicurioRegistry next = ApicurioRegistry.start(dir.resolve("next.log"),
                ApicurioRegistry.DEFAULT_START_TIMEOUT, data)) {
            assertThat(first.isAlive()).as("the leftover registry").isFalse();
            HttpResponse<String> subjects = http.send(HttpRequest.newBuilder(URI.create(next.url() + "/subjects"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(subjects.body()).isEqualTo("[\"kept-value\"]");
        } finally {
            leftover.close();
        }
    }
}
