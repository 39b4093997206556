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
}
