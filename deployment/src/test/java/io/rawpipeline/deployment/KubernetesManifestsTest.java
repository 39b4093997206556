package io.rawpipeline.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.rawpipeline.streams.ParseApp;
import io.strimzi.api.kafka.model.common.metrics.StrimziMetricsReporter;
import io.strimzi.api.kafka.model.common.template.ContainerEnvVar;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.nodepool.ProcessRoles;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KubernetesManifestsTest {

    static final String CLUSTER = "rawpipeline";
    static final String JOB_LABEL = "app.kubernetes.io/name";

    final List<Manifests.Doc> docs = Manifests.all();

    @Test
    void everyDocumentOfEveryManifestParsesIntoItsTypedModel() {
        assertThat(Manifests.files()).extracting(p -> Manifests.root().resolve("k8s").relativize(p).toString())
                .contains("kafka.yaml", "connect.yaml", "streams-app.yaml", "gateway.yaml", "service-account.yaml",
                        "monitoring.yaml", "alerts.yaml")
                .noneMatch(f -> f.startsWith(Manifests.NOT_MANIFESTS + "/"));
        for (Path file : Manifests.files()) {
            assertThat(Manifests.read(file)).as(file.toString()).isNotEmpty();
        }
        assertThat(docs).extracting(d -> d.tree().path("kind").asText())
                .contains("Kafka", "KafkaNodePool", "KafkaConnect", "KafkaConnector", "Deployment", "ConfigMap",
                        "Service", "HorizontalPodAutoscaler", "PodDisruptionBudget", "ServiceAccount", "PodMonitor",
                        "PrometheusRule", "Alertmanager");
        for (Manifests.Doc doc : docs) {
            assertThat(doc.tree().path("metadata").path("name").asText()).as(doc.where()).isNotBlank();
        }
    }

    @Test
    void aTypoedFieldIsRejectedInCoreAndStrimziKinds() throws IOException {
        Path gateway = Manifests.root().resolve("k8s/gateway.yaml");
        String typo = Files.readString(gateway).replace("  replicas: 2\n", "  replica: 2\n");
        assertThatThrownBy(() -> Manifests.parse(gateway, typo))
                .hasMessageContaining("unknown fields").hasMessageContaining(".spec.replica");

        String nested = Files.readString(gateway).replace("containerPort: 8080", "containerPrt: 8080");
        assertThatThrownBy(() -> Manifests.parse(gateway, nested))
                .hasMessageContaining("containerPrt");

        Path connector = Manifests.root().resolve("k8s/connectors/s3-source.yaml");
        String strimziTypo = Files.readString(connector).replace("  tasksMax:", "  taskMax:");
        assertThatThrownBy(() -> Manifests.parse(connector, strimziTypo))
                .hasMessageContaining("unknown fields").hasMessageContaining(".spec.taskMax");

        Path connect = Manifests.root().resolve("k8s/connect.yaml");
        String envTypo = Files.readString(connect).replace("secretKeyRef:", "secretRef:");
        assertThatThrownBy(() -> Manifests.parse(connect, envTypo)).hasMessageContaining("secretRef");

        Path alerts = Manifests.root().resolve("k8s/alerts.yaml");
        String ruleTypo = Files.readString(alerts).replaceFirst("\n {10}for: ", "\n          fro: ");
        assertThatThrownBy(() -> Manifests.parse(alerts, ruleTypo))
                .hasMessageContaining("unknown fields").hasMessageContaining(".spec.groups[0].rules[0].fro");

        assertThatThrownBy(() -> Manifests.parse(gateway, "apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n"))
                .hasMessageContaining("no model for v1/Pod");
    }

    @Test
    void noSecretCarriesData() throws IOException {
        for (Secret secret : Manifests.ofType(docs, Secret.class)) {
            assertThat(secret.getData()).as(secret.getMetadata().getName()).isNullOrEmpty();
            assertThat(secret.getStringData()).as(secret.getMetadata().getName()).isNullOrEmpty();
        }
        // kustomize's Secrets (k8s/monitoring/) come from committed files only, which hold no credential: no URL
        // (a webhook URL is one) and no api_url but api_url_file
        JsonNode kustomization = Manifests.YAML.readTree(Monitoring.KUSTOMIZATION.toFile());
        for (JsonNode generator : kustomization.path("secretGenerator")) {
            String name = generator.path("name").asText();
            assertThat(generator.has("literals") || generator.has("envs")).as(name + ": files only").isFalse();
            for (JsonNode file : generator.path("files")) {
                Path source = Monitoring.DIR.resolve(file.asText().replaceFirst("^[^=]*=", ""));
                List<String> values = new ArrayList<>();
                List<String> keys = new ArrayList<>();
                strings(Manifests.YAML.readTree(source.toFile()), keys, values);
                assertThat(values).as(name + " from " + source.getFileName())
                        .noneMatch(v -> v.matches("(?s).*\\b[a-z][a-z0-9+.-]*://.*"));
                assertThat(keys).as(name + " from " + source.getFileName())
                        .noneMatch(k -> k.endsWith("api_url") || k.contains("password") || k.contains("token"));
            }
        }
        for (Deployment deployment : Manifests.ofType(docs, Deployment.class)) {
            for (Container c : deployment.getSpec().getTemplate().getSpec().getContainers()) {
                for (EnvVar env : c.getEnv()) {
                    assertThat(env.getName()).doesNotContainIgnoringCase("password").doesNotContain("SECRET")
                            .doesNotContain("PRIVATE_KEY");
                }
            }
        }
    }

    @Test
    void kafkaRunsOnKraftNodePools() {
        Kafka kafka = single(Kafka.class);
        assertThat(kafka.getMetadata().getName()).isEqualTo(CLUSTER);
        assertThat(kafka.getSpec().getZookeeper()).isNull();
        assertThat(kafka.getSpec().getKafka().getReplicas()).isNull();
        List<KafkaNodePool> pools = Manifests.ofType(docs, KafkaNodePool.class);
        assertThat(pools).allSatisfy(p -> assertThat(p.getMetadata().getLabels())
                .containsEntry("strimzi.io/cluster", CLUSTER));
        assertThat(pools).flatExtracting(p -> p.getSpec().getRoles())
                .contains(ProcessRoles.CONTROLLER, ProcessRoles.BROKER);
        assertThat(pools).filteredOn(p -> p.getSpec().getRoles().contains(ProcessRoles.CONTROLLER))
                .allSatisfy(p -> assertThat(p.getSpec().getReplicas() % 2).as("odd quorum").isEqualTo(1));
        assertThat(kafka.getSpec().getKafka().getConfig()).containsEntry("min.insync.replicas", 2);
    }

    @Test
    void connectHasExactlyOnceSourceSupportAndTheEnvConfigProvider() {
        KafkaConnect connect = single(KafkaConnect.class);
        assertThat(connect.getMetadata().getAnnotations()).containsEntry("strimzi.io/use-connector-resources", "true");
        assertThat(connect.getSpec().getBootstrapServers()).startsWith(CLUSTER + "-kafka-bootstrap:");
        Map<String, Object> config = connect.getSpec().getConfig();
        assertThat(config).containsEntry("exactly.once.source.support", "enabled")
                .containsEntry("config.providers", "env")
                .containsEntry("config.providers.env.class",
                        "org.apache.kafka.common.config.provider.EnvVarConfigProvider");
        List<ContainerEnvVar> env = connect.getSpec().getTemplate().getConnectContainer().getEnv();
        assertThat(env).extracting(ContainerEnvVar::getName).contains("SNOWFLAKE_URL", "SNOWFLAKE_USER",
                "SNOWFLAKE_PRIVATE_KEY", "SNOWFLAKE_ROLE", "SCHEMA_REGISTRY_URL");
        assertThat(env).as("values come from Secrets or ConfigMaps, never literals")
                .allSatisfy(e -> {
                    assertThat(e.getValue()).isNull();
                    assertThat(e.getValueFrom()).isNotNull();
                });
        assertThat(env).filteredOn(e -> e.getName().startsWith("SNOWFLAKE_") || e.getName().startsWith("SCHEMA_"))
                .allSatisfy(e -> assertThat(e.getValueFrom().getSecretKeyRef()).isNotNull());
    }

    @Test
    void theParseAppScalesByPartitionsWithStateOnAVolumeProbesResourcesAndAPdb() throws IOException {
        Deployment app = deployment("rawpipeline-parse");
        Properties settings = properties("rawpipeline-parse", "parse-app.properties");
        int partitions = Integer.parseInt(settings.getProperty("topics.partitions", "3"));
        assertThat(app.getSpec().getReplicas()).isBetween(1, partitions);
        assertThat(settings.getProperty("processing.guarantee")).isEqualTo("exactly_once_v2");
        assertThat(settings.getProperty("bootstrap.servers")).startsWith(CLUSTER + "-kafka-bootstrap:");
        ParseApp.THROUGHPUT.forEach((key, value) -> assertThat(settings.getProperty(key)).as("%s, as measured", key)
                .isEqualTo(value.toString()));

        Container c = app.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(c.getImage()).isEqualTo("ghcr.io/rawpipeline/streams-app:0.1.0");
        assertThat(c.getArgs()).containsExactly("/config/parse-app.properties");
        assertThat(c.getVolumeMounts()).anySatisfy(m -> assertThat(m.getMountPath())
                .isEqualTo(settings.getProperty("state.dir")));
        assertThat(c.getVolumeMounts()).anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/config"));
        assertProbesAndResources(c);
        // StatusEndpoint's paths on the port the app's http.port names
        assertThat(c.getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getContainerPort()).isEqualTo(Integer.parseInt(settings.getProperty("http.port")));
            assertThat(p.getName()).isEqualTo("http");
        });
        assertThat(c.getStartupProbe().getHttpGet().getPath()).isEqualTo("/healthz/live");
        assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz/live");
        assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/healthz/ready");
        assertThat(List.of(c.getStartupProbe(), c.getLivenessProbe(), c.getReadinessProbe()))
                .allSatisfy(probe -> assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("http"));

        PodDisruptionBudget pdb = single(PodDisruptionBudget.class);
        assertThat(pdb.getSpec().getSelector().getMatchLabels())
                .isEqualTo(app.getSpec().getSelector().getMatchLabels());
        assertThat(app.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(app.getSpec().getSelector().getMatchLabels());
    }

    @Test
    void theGatewayServesHealthAndMetricsOn8080WithAServiceAndACpuHpa() throws IOException {
        Deployment gateway = deployment("rawpipeline-gateway");
        Properties settings = properties("rawpipeline-gateway", "gateway.properties");
        Container c = gateway.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(c.getImage()).isEqualTo("ghcr.io/rawpipeline/gateway:0.1.0");
        assertThat(c.getArgs()).containsExactly("/config/gateway.properties");
        assertThat(c.getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getContainerPort()).isEqualTo(8080);
            assertThat(p.getName()).isEqualTo("http");
        });
        assertThat(settings.getProperty("listen.port", "8080")).isEqualTo("8080");
        assertProbesAndResources(c);
        assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
        assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");

        Service service = Manifests.ofType(docs, Service.class).stream()
                .filter(s -> s.getMetadata().getName().equals("rawpipeline-gateway")).findFirst().orElseThrow();
        assertThat(service.getSpec().getSelector()).isEqualTo(gateway.getSpec().getSelector().getMatchLabels());
        assertThat(service.getSpec().getPorts()).singleElement()
                .satisfies(p -> assertThat(p.getTargetPort().getStrVal()).isEqualTo("http"));

        HorizontalPodAutoscaler hpa = single(HorizontalPodAutoscaler.class);
        assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("rawpipeline-gateway");
        assertThat(hpa.getSpec().getMetrics()).anySatisfy(m -> {
            assertThat(m.getResource().getName()).isEqualTo("cpu");
            assertThat(m.getResource().getTarget().getAverageUtilization()).isPositive();
        });
        assertThat(c.getResources().getRequests()).as("an HPA on CPU needs a CPU request").containsKey("cpu");
    }

    @Test
    void prometheusScrapesKafkaConnectTheParseAppAndTheGateway() {
        Kafka kafka = single(Kafka.class);
        KafkaConnect connect = single(KafkaConnect.class);
        assertThat(kafka.getSpec().getKafka().getMetricsConfig()).isInstanceOf(StrimziMetricsReporter.class);
        assertThat(connect.getSpec().getMetricsConfig()).isInstanceOf(StrimziMetricsReporter.class);

        List<PodMonitor> monitors = Manifests.ofType(docs, PodMonitor.class);
        // Strimzi labels its pods strimzi.io/kind and serves the reporter's /metrics on the port tcp-prometheus
        assertThat(monitors).anySatisfy(m -> {
            assertThat(m.getSpec().getSelector().getMatchExpressions()).singleElement().satisfies(e -> {
                assertThat(e.getKey()).isEqualTo("strimzi.io/kind");
                assertThat(e.getValues()).containsExactlyInAnyOrder(kafka.getKind(), connect.getKind());
            });
            assertThat(m.getSpec().getPodMetricsEndpoints()).singleElement().satisfies(endpoint -> {
                assertThat(endpoint.getPort()).isEqualTo("tcp-prometheus");
                assertThat(endpoint.getPath()).isEqualTo("/metrics");
            });
        });
        // job: the pod's app.kubernetes.io/name (Strimzi gives Connect's pods kafka-connect), as in local mode
        assertThat(monitors).allSatisfy(m -> assertThat(m.getSpec().getJobLabel()).isEqualTo(JOB_LABEL));
        assertThat(Monitoring.JOBS).contains("kafka-connect");
        for (String app : List.of("rawpipeline-parse", "rawpipeline-gateway")) {
            Map<String, String> labels = deployment(app).getSpec().getTemplate().getMetadata().getLabels();
            assertThat(Monitoring.JOBS).contains(labels.get(JOB_LABEL));
            Container c = deployment(app).getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(monitors).as("a PodMonitor of " + app).anySatisfy(m -> {
                assertThat(m.getSpec().getSelector().getMatchExpressions()).isNotEmpty().allSatisfy(e -> {
                    assertThat(e.getOperator()).isEqualTo("In");
                    assertThat(e.getValues()).contains(labels.get(e.getKey()));
                });
                assertThat(m.getSpec().getPodMetricsEndpoints()).singleElement().satisfies(endpoint -> {
                    assertThat(c.getPorts()).extracting(ContainerPort::getName).contains(endpoint.getPort());
                    assertThat(endpoint.getPath()).isEqualTo("/metrics");
                });
            });
        }
    }

    @Test
    void theConnectServiceAccountIsAnnotatedForAnIamRole() {
        ServiceAccount sa = single(ServiceAccount.class);
        assertThat(sa.getMetadata().getAnnotations().get("eks.amazonaws.com/role-arn"))
                .matches("arn:aws:iam::\\d{12}:role/.+");
    }

    /** Every key and every scalar value of a YAML tree. */
    private static void strings(JsonNode node, List<String> keys, List<String> values) {
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(keys::add);
        }
        if (node.isContainerNode()) {
            node.forEach(child -> strings(child, keys, values));
        } else {
            values.add(node.asText());
        }
    }

    private static void assertProbesAndResources(Container c) {
        assertThat(c.getLivenessProbe()).as(c.getName() + " liveness").isNotNull();
        assertThat(c.getReadinessProbe()).as(c.getName() + " readiness").isNotNull();
        assertThat(c.getResources().getRequests()).as(c.getName()).containsKeys("cpu", "memory");
        assertThat(c.getResources().getLimits()).as(c.getName()).containsKey("memory");
    }

    private Deployment deployment(String name) {
        return Manifests.ofType(docs, Deployment.class).stream()
                .filter(d -> d.getMetadata().getName().equals(name)).findFirst().orElseThrow();
    }

    private Properties properties(String configMap, String key) throws IOException {
        ConfigMap map = Manifests.ofType(docs, ConfigMap.class).stream()
                .filter(m -> m.getMetadata().getName().equals(configMap)).findFirst().orElseThrow();
        Properties props = new Properties();
        props.load(new StringReader(map.getData().get(key)));
        return props;
    }

    private <T> T single(Class<T> type) {
        List<T> found = Manifests.ofType(docs, type);
        assertThat(found).as(type.getSimpleName()).hasSize(1);
        return found.get(0);
    }
}
