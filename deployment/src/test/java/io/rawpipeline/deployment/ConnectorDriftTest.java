package io.rawpipeline.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.strimzi.api.kafka.model.common.template.ContainerEnvVar;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.api.kafka.model.connector.KafkaConnector;
import io.strimzi.api.kafka.model.kafka.Kafka;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** connectors/config/*.json is the one source of truth; k8s/ (and compose, Dockerfiles where present) follow it. */
class ConnectorDriftTest {

    static final Path ROOT = Manifests.root();
    static final ObjectMapper JSON = new ObjectMapper();
    static final Pattern ENV_REF = Pattern.compile("\\$\\{env:([A-Za-z0-9_]+)}");

    /** The images k8s/ runs, by short name, and the container ports each serves. */
    static final Map<String, Set<Integer>> PORTS = Map.of(
            "connect-worker", Set.of(8083),
            "streams-app", Set.of(8080),
            "gateway", Set.of(8080));

    final List<Manifests.Doc> docs = Manifests.all();

    @Test
    void everyConnectorConfigHasExactlyOneEqualKafkaConnector() throws IOException {
        Map<String, JsonNode> configs = connectorConfigs();
        assertThat(configs).containsKeys("s3-source", "snowflake-diagnostics", "snowflake-licenses",
                "snowflake-push-proxy", "snowflake-releases", "snowflake-telemetry");
        List<KafkaConnector> connectors = Manifests.ofType(docs, KafkaConnector.class);
        assertThat(connectors).extracting(c -> c.getMetadata().getName())
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(configs.keySet());
        String connectName = single(KafkaConnect.class).getMetadata().getName();

        for (KafkaConnector connector : connectors) {
            String name = connector.getMetadata().getName();
            JsonNode file = configs.get(name);
            assertThat(file.path("name").asText()).as("name inside " + name + ".json").isEqualTo(name);
            Map<String, String> expected = new TreeMap<>();
            file.path("config").properties().forEach(e -> expected.put(e.getKey(), e.getValue().asText()));

            assertThat(connector.getMetadata().getLabels()).as(name)
                    .containsEntry("strimzi.io/cluster", connectName);
            assertThat(connector.getSpec().getClassName()).as(name + " class")
                    .isEqualTo(expected.remove("connector.class"));
            assertThat(String.valueOf(connector.getSpec().getTasksMax())).as(name + " tasksMax")
                    .isEqualTo(expected.remove("tasks.max"));
            Map<String, String> actual = new TreeMap<>();
            connector.getSpec().getConfig().forEach((k, v) -> actual.put(k, String.valueOf(v)));
            assertThat(actual).as(name + " config").isEqualTo(expected);
        }
    }

    @Test
    void everyEnvReferenceOfTheConnectorsIsSetOnTheConnectWorkers() throws IOException {
        Set<String> referenced = new TreeSet<>();
        for (JsonNode file : connectorConfigs().values()) {
            Matcher m = ENV_REF.matcher(file.toString());
            while (m.find()) {
                referenced.add(m.group(1));
            }
        }
        assertThat(referenced).contains("SNOWFLAKE_URL", "SNOWFLAKE_USER", "SNOWFLAKE_PRIVATE_KEY", "SNOWFLAKE_ROLE",
                "SCHEMA_REGISTRY_URL", "S3_SOURCE_QUEUE_URL", "AWS_REGION");
        List<ContainerEnvVar> env = single(KafkaConnect.class).getSpec().getTemplate().getConnectContainer().getEnv();
        assertThat(env).extracting(ContainerEnvVar::getName).containsAll(referenced);
    }

    @Test
    void theS3SourceRunsExactlyOnceWithTheRecommendedSettingsAndNoStaticKeys() throws IOException {
        JsonNode config = connectorConfigs().get("s3-source").path("config");
        Map<String, String> settings = new HashMap<>();
        config.properties().forEach(e -> settings.put(e.getKey(), e.getValue().asText()));
        assertThat(settings).doesNotContainKeys("aws.access.key.id", "aws.secret.access.key", "s3.endpoint",
                "sqs.endpoint");
        assertThat(settings.get("sqs.queue.url")).startsWith("${env:");
        assertThat(settings.get("aws.region")).startsWith("${env:");

        // what ConnectorSettings sets for the benchmarks and tests: the converters, exactly-once, the producer
        String source = Files.readString(ROOT.resolve(
                "connectors/s3-source/src/main/java/io/rawpipeline/connect/s3/config/ConnectorSettings.java"));
        Map<String, String> recommended = pairs(source, "\"(producer\\.override\\.[a-z.]+)\",\\s*\"([^\"]+)\"");
        assertThat(recommended).hasSizeGreaterThanOrEqualTo(4);
        Map<String, String> put = pairs(source,
                "props\\.put\\(\"((?:key|value|header)\\.converter|exactly\\.once\\.support)\",\\s*\"([^\"]+)\"\\)");
        assertThat(put).hasSize(4);
        assertThat(settings).containsAllEntriesOf(recommended).containsAllEntriesOf(put);
    }

    @Test
    void theConnectServiceAccountAndTheKafkaConnectTemplateNameTheSameRole() {
        KafkaConnect connect = single(KafkaConnect.class);
        ServiceAccount sa = single(ServiceAccount.class);
        assertThat(sa.getMetadata().getName()).as("Strimzi's name for the Connect pods' ServiceAccount")
                .isEqualTo(connect.getMetadata().getName() + "-connect");
        assertThat(connect.getSpec().getTemplate().getServiceAccount().getMetadata().getAnnotations())
                .containsEntry("eks.amazonaws.com/role-arn",
                        sa.getMetadata().getAnnotations().get("eks.amazonaws.com/role-arn"));
    }

    @Test
    void k8sImagesShareOneRegistryAndTag() {
        Map<String, String> images = k8sImages();
        assertThat(images).containsOnlyKeys(PORTS.keySet());
        assertThat(images.values()).allSatisfy(i -> assertThat(i).startsWith("ghcr.io/rawpipeline/"));
        assertThat(images.values().stream().map(i -> i.substring(i.lastIndexOf(':'))).distinct()).hasSize(1);
    }

    @Test
    void composeUsesTheSameImagesAndPorts() throws IOException {
        Path compose = ROOT.resolve("docker-compose.yml");
        assumeTrue(Files.exists(compose), "docker-compose.yml not present yet: compose drift checks skipped");
        JsonNode services = Manifests.YAML.readTree(compose.toFile()).path("services");
        Map<String, String> images = k8sImages();
        Set<String> seen = new TreeSet<>();
        for (var service : services.properties()) {
            String image = resolveDefaults(service.getValue().path("image").asText(""));
            if (!image.startsWith("ghcr.io/rawpipeline/")) {
                continue;
            }
            String shortName = shortName(image);
            seen.add(shortName);
            assertThat(image).as("compose service " + service.getKey()).isEqualTo(images.get(shortName));
            for (JsonNode port : service.getValue().path("ports")) {
                int container = containerPort(port);
                assertThat(PORTS.get(shortName)).as("compose service " + service.getKey() + " port " + port)
                        .contains(container);
            }
        }
        assertThat(seen).as("project images in docker-compose.yml").containsAll(PORTS.keySet());
    }

    @Test
    void dockerfilesExposeTheSamePorts() throws IOException {
        Path docker = ROOT.resolve("docker");
        assumeTrue(Files.isDirectory(docker), "docker/ not present yet: Dockerfile drift checks skipped");
        List<Path> dockerfiles;
        try (Stream<Path> files = Files.list(docker)) {
            dockerfiles = files.map(d -> d.resolve("Dockerfile")).filter(Files::exists).toList();
        }
        assumeTrue(!dockerfiles.isEmpty(), "no docker/*/Dockerfile yet: Dockerfile drift checks skipped");
        for (Path file : dockerfiles) {
            String shortName = file.getParent().getFileName().toString();
            if (!PORTS.containsKey(shortName)) {
                continue;
            }
            Set<Integer> exposed = new TreeSet<>();
            Matcher m = Pattern.compile("(?im)^\\s*EXPOSE\\s+(.+)$").matcher(Files.readString(file));
            while (m.find()) {
                for (String p : m.group(1).trim().split("\\s+")) {
                    exposed.add(Integer.parseInt(p.replaceAll("/.*", "")));
                }
            }
            assertThat(PORTS.get(shortName)).as(file + " EXPOSE").containsAll(exposed);
            // the properties file the image's CMD names is the one k8s passes as args
            Matcher cmd = Pattern.compile("(?m)^\\s*CMD\\s+\\[\\s*\"([^\"]+)\"\\s*]").matcher(Files.readString(file));
            if (cmd.find()) {
                assertThat(k8sArgs().get(shortName)).as(file + " CMD vs k8s args").containsExactly(cmd.group(1));
            }
        }
    }

    /** The Kafka the project builds against is the one every deployment runs: brokers, Connect and its image. */
    @Test
    void everyDeploymentRunsTheKafkaVersionTheProjectBuildsAgainst() throws Exception {
        Matcher pom = Pattern.compile("<kafka.version>([^<]+)</kafka.version>")
                .matcher(Files.readString(ROOT.resolve("pom.xml")));
        assertThat(pom.find()).as("kafka.version in pom.xml").isTrue();
        String version = pom.group(1);

        assertThat(single(Kafka.class).getSpec().getKafka().getVersion()).as("Kafka spec.kafka.version")
                .isEqualTo(version);
        KafkaConnect connect = single(KafkaConnect.class);
        assertThat(connect.getSpec().getVersion()).as("KafkaConnect spec.version").isEqualTo(version);
        // Strimzi runs a KafkaConnect's image with its own scripts: the image must be built on Strimzi's Kafka image
        List<String> from = Dockerfiles.instructions("connect-worker").stream()
                .filter(line -> line.startsWith("FROM ")).toList();
        assertThat(from).as("FROM of the Connect worker's image").hasSize(1).first(InstanceOfAssertFactories.STRING)
                .matches("FROM quay\\.io/strimzi/kafka:\\d+\\.\\d+\\.\\d+-kafka-" + Pattern.quote(version));

        Path compose = ROOT.resolve("docker-compose.yml");
        assertThat(Manifests.YAML.readTree(compose.toFile()).path("services").path("kafka").path("image").asText())
                .as("the compose broker").isEqualTo("apache/kafka:" + version);
    }

    private Map<String, List<String>> k8sArgs() {
        Map<String, List<String>> args = new HashMap<>();
        for (Deployment d : Manifests.ofType(docs, Deployment.class)) {
            for (Container c : d.getSpec().getTemplate().getSpec().getContainers()) {
                args.put(shortName(c.getImage()), c.getArgs());
            }
        }
        return args;
    }

    private Map<String, String> k8sImages() {
        Map<String, String> images = new LinkedHashMap<>();
        for (Deployment d : Manifests.ofType(docs, Deployment.class)) {
            for (Container c : d.getSpec().getTemplate().getSpec().getContainers()) {
                images.put(shortName(c.getImage()), c.getImage());
                for (ContainerPort p : c.getPorts()) {
                    assertThat(PORTS.get(shortName(c.getImage()))).as(d.getMetadata().getName())
                            .contains(p.getContainerPort());
                }
            }
        }
        String connect = single(KafkaConnect.class).getSpec().getImage();
        images.put(shortName(connect), connect);
        return images;
    }

    static String shortName(String image) {
        String noTag = image.replaceAll(":[^:/]+$", "");
        return noTag.substring(noTag.lastIndexOf('/') + 1);
    }

    /** ${VAR:-default} / ${VAR-default} -> default, as compose would without the variable set. */
    static String resolveDefaults(String value) {
        return value.replaceAll("\\$\\{[A-Za-z0-9_]+:?-([^}]*)}", "$1");
    }

    /** "8080", "8080:8080", "127.0.0.1:8080:8080/tcp" or {target: 8080}. */
    static int containerPort(JsonNode port) {
        if (port.isObject()) {
            return port.path("target").asInt();
        }
        String text = resolveDefaults(port.asText()).replaceAll("/.*", "");
        return Integer.parseInt(text.substring(text.lastIndexOf(':') + 1));
    }

    private static Map<String, String> pairs(String text, String regex) {
        Map<String, String> found = new TreeMap<>();
        Matcher m = Pattern.compile(regex).matcher(text);
        while (m.find()) {
            found.put(m.group(1), m.group(2));
        }
        return found;
    }

    static Map<String, JsonNode> connectorConfigs() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(ROOT.resolve("connectors/config"))) {
            files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        Map<String, JsonNode> configs = new TreeMap<>();
        for (Path file : files) {
            String name = file.getFileName().toString().replaceAll("\\.json$", "");
            configs.put(name, JSON.readTree(file.toFile()));
        }
        return configs;
    }

    private <T> T single(Class<T> type) {
        List<T> found = Manifests.ofType(docs, type);
        assertThat(found).as(type.getSimpleName()).hasSize(1);
        return found.get(0);
    }

}
