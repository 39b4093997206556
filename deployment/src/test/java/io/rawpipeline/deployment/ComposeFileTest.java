package io.rawpipeline.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import io.rawpipeline.streams.ParseApp;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks docker-compose.yml, .env.example and the Dockerfiles under docker/ without a Docker engine: the Compose
 * Specification's JSON schema, no secret literals, health checks and depends_on conditions, the connector configs
 * mounted unchanged, and images, ports and JVM flags agreeing between compose and the Dockerfiles.
 */
class ComposeFileTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A compose interpolation ${VAR}, ${VAR:-default}, ${VAR?err}; "$${" is an escaped dollar, not a reference. */
    private static final Pattern VARIABLE = Pattern.compile("(?<!\\$)\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:[:?-][^}]*)?}");
    private static final Pattern ENV_PROVIDER_REF = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)}");
    private static final Pattern SECRET_NAME =
            Pattern.compile("(?i).*(password|passwd|secret|private_key|privatekey|token|credential|access_key|api_key|_user|_url).*");
    private static final String JVM_FLAGS_1 = "-XX:MaxRAMPercentage=75";
    private static final String JVM_FLAGS_2 = "-XX:+ExitOnOutOfMemoryError";

    private static Path root;
    private static String composeText;
    private static JsonNode compose;
    private static JsonNode services;

    @BeforeAll
    static void load() throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.exists(dir.resolve("docker-compose.yml"))) {
            dir = dir.getParent();
            assertThat(dir).as("docker-compose.yml above the working directory").isNotNull();
        }
        root = dir;
        composeText = Files.readString(root.resolve("docker-compose.yml"));
        compose = YAML.readTree(composeText);
        services = compose.path("services");
        assertThat(services.size()).isGreaterThan(0);
    }

    @Test
    void validatesAgainstTheComposeSpecificationSchema() throws IOException {
        Schema schema;
        try (InputStream in = ComposeFileTest.class.getResourceAsStream("/compose-spec.json")) {
            assertThat(in).as("vendored compose-spec.json").isNotNull();
            // the schema declares draft 2019-09 but still names its subschemas with draft 4's "id", an annotation only
            // here (every $ref is a JSON pointer): read it as one, as compose's own validator does
            Dialect dialect = Dialect.builder(Dialects.getDraft201909())
                    .keywords(keywords -> keywords.put("id", new NonValidationKeyword("id")))
                    .build();
            schema = SchemaRegistry.withDialect(dialect).getSchema(in, InputFormat.JSON);
        }
        List<Error> errors = schema.validate(JSON.writeValueAsString(compose), InputFormat.JSON);
        assertThat(errors).extracting(Error::toString).isEmpty();

        // the schema really rejects what it should: an unknown service key and a bad depends_on condition
        String broken = composeText.replaceFirst("(?m)^  kafka:\\n", "  kafka:\n    imagee: typo\n")
                .replace("condition: service_healthy", "condition: when_ready");
        assertThat(schema.validate(JSON.writeValueAsString(YAML.readTree(broken)), InputFormat.JSON)).isNotEmpty();
    }

    @Test
    void everyServiceHasAHealthcheck() {
        services.properties().forEach(service -> {
            JsonNode test = service.getValue().path("healthcheck").path("test");
            assertThat(test.isMissingNode() || test.isEmpty())
                    .as("healthcheck.test of service %s", service.getKey()).isFalse();
            assertThat(service.getValue().path("healthcheck").path("disable").asBoolean(false))
                    .as("healthcheck of %s disabled", service.getKey()).isFalse();
        });
    }

    @Test
    void everyDependsOnWaitsForAConditionOnAService() {
        services.properties().forEach(service -> {
            JsonNode dependsOn = service.getValue().path("depends_on");
            if (dependsOn.isMissingNode()) {
                return;
            }
            assertThat(dependsOn.isObject()).as("depends_on of %s is a map with conditions", service.getKey()).isTrue();
            dependsOn.properties().forEach(dependency -> {
                assertThat(services.has(dependency.getKey()))
                        .as("%s depends on a service of the file: %s", service.getKey(), dependency.getKey()).isTrue();
                assertThat(dependency.getValue().path("condition").asText())
                        .as("condition of %s -> %s", service.getKey(), dependency.getKey())
                        .isIn("service_healthy", "service_completed_successfully");
            });
        });
    }

    @Test
    void noSecretLiterals() {
        services.properties().forEach(service -> {
            JsonNode environment = service.getValue().path("environment");
            Map<String, String> env = new LinkedHashMap<>();
            if (environment.isObject()) {
                environment.properties().forEach(e -> env.put(e.getKey(), e.getValue().asText()));
            } else if (environment.isArray()) {
                environment.forEach(e -> {
                    String[] kv = e.asText().split("=", 2);
                    env.put(kv[0], kv.length > 1 ? kv[1] : "");
                });
            }
            env.forEach((name, value) -> {
                if (SECRET_NAME.matcher(name).matches() || name.startsWith("SNOWFLAKE_") || name.startsWith("AWS_")) {
                    assertThat(value).as("%s.environment.%s must be a ${VAR} reference", service.getKey(), name)
                            .matches("\\$\\{[A-Za-z_][A-Za-z0-9_]*}");
                }
            });
        });
        assertThat(composeText).doesNotContain("PRIVATE KEY").doesNotContainPattern("(?i)password\\s*[:=]\\s*[^$\\s]");
    }

    @Test
    void envExampleNamesExactlyTheVariablesTheFileUses() throws IOException {
        Set<String> used = new TreeSet<>();
        Matcher m = VARIABLE.matcher(composeText);
        while (m.find()) {
            used.add(m.group(1));
        }
        Set<String> listed = new TreeSet<>();
        for (String line : Files.readAllLines(root.resolve(".env.example"))) {
            String trimmed = line.trim();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                listed.add(trimmed.substring(0, trimmed.indexOf('=')).trim());
            }
        }
        assertThat(used).isNotEmpty();
        assertThat(listed).isEqualTo(used);
    }

    @Test
    void theConnectWorkerGetsEveryVariableTheConnectorConfigsReference() throws IOException {
        JsonNode environment = services.path("connect").path("environment");
        Set<String> referenced = new TreeSet<>();
        for (Path file : connectorConfigs()) {
            Matcher m = ENV_PROVIDER_REF.matcher(Files.readString(file));
            while (m.find()) {
                referenced.add(m.group(1));
            }
        }
        assertThat(referenced).isNotEmpty();
        referenced.forEach(variable -> assertThat(environment.has(variable))
                .as("connect.environment sets %s", variable).isTrue());

        Properties worker = properties(root.resolve("docker/connect-worker/connect-distributed.properties"));
        assertThat(worker.getProperty("config.providers")).isEqualTo("env");
        assertThat(worker.getProperty("config.providers.env.class"))
                .isEqualTo("org.apache.kafka.common.config.provider.EnvVarConfigProvider");
        assertThat(worker.getProperty("exactly.once.source.support")).isEqualTo("enabled");
        assertThat(worker.getProperty("plugin.discovery")).isEqualTo("service_load");
        // where Strimzi's start script looks too: the image serves compose and k8s alike
        assertThat(worker.getProperty("plugin.path")).isEqualTo("/opt/kafka/plugins");
    }

    @Test
    void theConnectorsServiceAppliesTheConfigFilesUnchanged() throws IOException {
        JsonNode connectors = services.path("connectors");
        assertThat(connectors.isObject()).as("a connectors service").isTrue();
        List<String> volumes = new ArrayList<>();
        connectors.path("volumes").forEach(v -> volumes.add(v.asText()));
        assertThat(volumes).contains("./connectors/config:/connectors/config:ro");
        String command = connectors.path("command").toString();
        assertThat(command).contains("/connectors/config/*.json").contains("jq .config").contains("-X PUT")
                .contains("/connectors/$$name/config");
        assertThat(connectors.path("depends_on").path("connect").path("condition").asText()).isEqualTo("service_healthy");
        for (Path file : connectorConfigs()) {
            JsonNode config = JSON.readTree(file.toFile());
            assertThat(config.path("name").asText()).as("name of %s", file).isNotEmpty();
            assertThat(config.path("config").isObject()).as("config of %s", file).isTrue();
        }
    }

    @Test
    void dockerfilesAreNonRootPinnedAndRespectContainerLimits() throws IOException {
        List<Path> dockerfiles = Dockerfiles.all();
        assertThat(dockerfiles).hasSize(3);
        for (Path dockerfile : dockerfiles) {
            List<String> lines = Dockerfiles.instructions(dockerfile);
            String lastUser = null;
            for (String line : lines) {
                if (line.startsWith("USER ")) {
                    lastUser = line.substring(5).trim();
                }
                if (line.startsWith("FROM ")) {
                    String image = line.substring(5).trim().split("\\s+")[0];
                    assertThat(image).as("base image of %s pinned to a tag", dockerfile)
                            .matches("[^:@]+:[A-Za-z0-9._-]+").doesNotEndWith(":latest");
                }
            }
            assertThat(lastUser).as("USER of %s: a numeric uid, not root", dockerfile)
                    .matches("[1-9]\\d*(:\\d+)?");
            String text = String.join("\n", lines);
            assertThat(text).as("JVM flags in %s", dockerfile).contains(JVM_FLAGS_1).contains(JVM_FLAGS_2);
        }
    }

    @Test
    void imagesAndPortsAgreeBetweenComposeAndDockerfiles() throws IOException {
        Map<String, String> built = new LinkedHashMap<>();
        services.properties().forEach(service -> {
            JsonNode build = service.getValue().path("build");
            if (!build.isMissingNode()) {
                built.put(service.getKey(), build.path("dockerfile").asText());
            }
        });
        assertThat(built.values()).containsExactlyInAnyOrder("docker/streams-app/Dockerfile",
                "docker/gateway/Dockerfile", "docker/connect-worker/Dockerfile");
        for (Map.Entry<String, String> entry : built.entrySet()) {
            JsonNode service = services.path(entry.getKey());
            assertThat(service.path("build").path("context").asText()).isEqualTo(".");
            Path dockerfile = root.resolve(entry.getValue());
            String name = dockerfile.getParent().getFileName().toString();
            assertThat(service.path("image").asText()).isEqualTo("ghcr.io/rawpipeline/" + name + ":0.1.0");

            Set<String> exposed = new TreeSet<>();
            for (String line : Dockerfiles.instructions(dockerfile)) {
                if (line.startsWith("EXPOSE ")) {
                    for (String port : line.substring(7).trim().split("\\s+")) {
                        exposed.add(port.replace("/tcp", ""));
                    }
                }
            }
            Set<String> published = new TreeSet<>();
            service.path("ports").forEach(p -> {
                String[] parts = p.asText().split(":");
                published.add(parts[parts.length - 1].replace("/tcp", ""));
            });
            assertThat(exposed).as("EXPOSE of %s = container ports published in compose", dockerfile)
                    .isEqualTo(published);
        }
        // the one-shot service runs the worker's image (it brings jq and curl)
        assertThat(services.path("connectors").path("image").asText()).isEqualTo(services.path("connect").path("image").asText());
        // the ports the programs listen on are the exposed ones
        assertThat(properties(root.resolve("docker/gateway/gateway.properties")).getProperty("listen.port")).isEqualTo("8080");
        assertThat(properties(root.resolve("docker/connect-worker/connect-distributed.properties")).getProperty("listeners"))
                .endsWith(":8083");
        Properties parseApp = properties(root.resolve("docker/streams-app/parse-app.properties"));
        assertThat(parseApp.getProperty("http.port", "8080")).isEqualTo("8080");
        ParseApp.THROUGHPUT.forEach((key, value) -> assertThat(parseApp.getProperty(key)).as("%s, as measured", key)
                .isEqualTo(value.toString()));
        // the Connect worker runs on the same Kafka as the broker (Strimzi's build of it)
        String kafkaImage = services.path("kafka").path("image").asText();
        assertThat(kafkaImage).matches("apache/kafka:4\\.\\d+\\.\\d+");
        assertThat(Dockerfiles.instructions("connect-worker"))
                .anySatisfy(line -> assertThat(line).startsWith("FROM quay.io/strimzi/kafka:")
                        .endsWith("-kafka-" + kafkaImage.substring("apache/kafka:".length())));
    }

    @Test
    void localstackCreatesTheDefaultRoutesBucketsQueuesAndNotifications() throws IOException {
        JsonNode localstack = services.path("localstack");
        List<String> volumes = new ArrayList<>();
        localstack.path("volumes").forEach(v -> volumes.add(v.asText()));
        assertThat(volumes).anyMatch(v -> v.startsWith("./docker/localstack/init-aws.sh:/etc/localstack/init/ready.d/"));
        String script = Files.readString(root.resolve("docker/localstack/init-aws.sh"));
        assertThat(script).contains("mattermost-cloudfront-logs", "mattermost-push-proxy-logs",
                "mattermost-push-proxy-test-logs", "mattermost-license-exports", "maxReceiveCount\\\\\\\":\\\\\\\"3",
                "put-bucket-notification-configuration", "s3:ObjectCreated:*");
        assertThat(Files.isExecutable(root.resolve("docker/localstack/init-aws.sh"))).isTrue();
    }

    private static List<Path> connectorConfigs() throws IOException {
        try (Stream<Path> files = Files.list(root.resolve("connectors/config"))) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }

    private static Properties properties(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        return properties;
    }
}
