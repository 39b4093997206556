package io.rawpipeline.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.Container;
import org.testcontainers.containers.ContainerState;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * Opt-in ({@code mvn -B -pl deployment verify -Pdocker}, after the Maven build that the images copy): starts
 * docker-compose.yml with Testcontainers, images built from docker/, the variables of .env.example, and checks that a
 * ping sent to the gateway lands in {@code raw.telemetry} and, parsed by the parse app, in
 * {@code telemetry.security_pings}. Skipped without the profile and where no Docker engine answers.
 */
class ComposeStackTest {

    @Test
    void aPingToTheGatewayLandsInKafkaAndIsParsed() throws Exception {
        assumeTrue(Boolean.getBoolean("rawpipeline.compose.stack"),
                "compose stack test is opt-in: run with -Pdocker on a machine with a Docker engine");
        assumeTrue(DockerClientFactory.instance().isDockerAvailable(),
                "no Docker engine answers here: the compose stack test is skipped (docker-compose.yml is still checked by ComposeFileTest)");

        Path root = Path.of("").toAbsolutePath();
        while (!Files.exists(root.resolve("docker-compose.yml"))) {
            root = root.getParent();
        }
        String id = UUID.randomUUID().toString();
        try (ComposeContainer stack = new ComposeContainer(new File(root.toFile(), "docker-compose.yml"))
                .withEnv(envExample(root))
                .withBuild(true)
                .withExposedService("gateway", 8080, Wait.forHttp("/healthz").forStatusCode(200)
                        .withStartupTimeout(Duration.ofMinutes(5)))
                .withExposedService("streams-app", 8080, Wait.forHttp("/healthz/ready").forStatusCode(200)
                        .withStartupTimeout(Duration.ofMinutes(5)))
                .withStartupTimeout(Duration.ofMinutes(5))) {
            stack.start();
            String gateway = "http://" + stack.getServiceHost("gateway", 8080) + ":" + stack.getServicePort("gateway", 8080);
            HttpResponse<String> answer = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(gateway + "/security?id=" + id + "&b=1&be=1&db=postgres")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(200);

            ContainerState kafka = stack.getContainerByServiceName("kafka").orElseThrow();
            Container.ExecResult consumed = kafka.execInContainer("/opt/kafka/bin/kafka-console-consumer.sh",
                    "--bootstrap-server", "kafka:19092", "--topic", "raw.telemetry", "--from-beginning",
                    "--isolation-level", "read_committed", "--timeout-ms", "30000");
            assertThat(consumed.getStdout()).contains("id=" + id);
            // the Avro record holds the id as UTF-8 bytes, so the console consumer prints it verbatim
            Container.ExecResult parsed = kafka.execInContainer("/opt/kafka/bin/kafka-console-consumer.sh",
                    "--bootstrap-server", "kafka:19092", "--topic", "telemetry.security_pings", "--from-beginning",
                    "--isolation-level", "read_committed", "--timeout-ms", "30000");
            assertThat(parsed.getStdout()).contains(id);
        }
    }

    /** The dummy values of .env.example: enough for Kafka, the gateway and the parse app. */
    private static Map<String, String> envExample(Path root) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : Files.readAllLines(root.resolve(".env.example"))) {
            String trimmed = line.trim();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                int eq = trimmed.indexOf('=');
                env.put(trimmed.substring(0, eq).trim(), trimmed.substring(eq + 1).trim());
            }
        }
        return env;
    }
}
