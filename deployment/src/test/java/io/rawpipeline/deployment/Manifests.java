package io.rawpipeline.deployment;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.Alertmanager;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.api.kafka.model.connector.KafkaConnector;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/** Reads k8s/ into the typed fabric8 and Strimzi models, rejecting fields the models do not know. */
final class Manifests {

    /** apiVersion + "/" + kind -> the model class. Anything else in k8s/ is an error. */
    static final Map<String, Class<?>> KINDS = Map.ofEntries(
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("monitoring.coreos.com/v1/PodMonitor", PodMonitor.class),
            Map.entry("monitoring.coreos.com/v1/PrometheusRule", PrometheusRule.class),
            Map.entry("monitoring.coreos.com/v1/Alertmanager", Alertmanager.class),
            Map.entry("kafka.strimzi.io/v1/Kafka", Kafka.class),
            Map.entry("kafka.strimzi.io/v1/KafkaNodePool", KafkaNodePool.class),
            Map.entry("kafka.strimzi.io/v1/KafkaConnect", KafkaConnect.class),
            Map.entry("kafka.strimzi.io/v1/KafkaConnector", KafkaConnector.class));

    /**
     * k8s/monitoring/ holds kustomize's inputs (the Alertmanager configuration, the dashboard) and promtool's tests,
     * not manifests: AlertRulesTest, AlertmanagerConfigTest and DashboardTest check them.
     */
    static final String NOT_MANIFESTS = "monitoring";

    static final YAMLMapper YAML = new YAMLMapper();

    /** Models keep unknown fields in additionalProperties (any-setter); the walk below rejects those. */
    static final ObjectMapper MODELS = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();

    /** One document of one file. */
    record Doc(Path file, int index, JsonNode tree, Object model) {
        String where() {
            return root().relativize(file) + " #" + index + " (" + tree.path("kind").asText() + " "
                    + tree.path("metadata").path("name").asText() + ")";
        }
    }

    private Manifests() {
    }

    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("k8s"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no k8s/ above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    static List<Path> files() {
        Path k8s = root().resolve("k8s");
        try (Stream<Path> paths = Files.walk(k8s)) {
            return paths.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .filter(p -> !k8s.relativize(p).startsWith(NOT_MANIFESTS))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Doc> all() {
        List<Doc> docs = new ArrayList<>();
        for (Path file : files()) {
            docs.addAll(read(file));
        }
        return docs;
    }

    static List<Doc> read(Path file) {
        try {
            return parse(file, Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every non-empty document of the YAML text, as a tree and as its typed model (unknown fields rejected). */
    static List<Doc> parse(Path file, String yaml) throws IOException {
        List<Doc> docs = new ArrayList<>();
        try (var parser = new YAMLFactory().createParser(yaml)) {
            var trees = YAML.readValues(parser, JsonNode.class);
            int index = 0;
            while (trees.hasNext()) {
                JsonNode tree = trees.next();
                index++;
                if (tree == null || tree.isNull() || tree.isMissingNode() || tree.isEmpty()) {
                    continue;
                }
                String key = tree.path("apiVersion").asText() + "/" + tree.path("kind").asText();
                Class<?> type = KINDS.get(key);
                if (type == null) {
                    throw new IllegalArgumentException(file + " #" + index + ": no model for " + key);
                }
                Object model = MODELS.treeToValue(tree, type);
                List<String> unknown = unknownFields(model);
                if (!unknown.isEmpty()) {
                    throw new IllegalArgumentException(file + " #" + index + " (" + key + "): unknown fields "
                            + unknown);
                }
                docs.add(new Doc(file, index, tree, model));
            }
        }
        return docs;
    }

    /** Paths of every non-empty additionalProperties in the model's object graph. */
    static List<String> unknownFields(Object model) {
        List<String> found = new ArrayList<>();
        walk(model, "", found, Collections.newSetFromMap(new IdentityHashMap<>()));
        return found;
    }

    private static void walk(Object value, String path, List<String> found, Set<Object> seen) {
        if (value == null || !seen.add(value)) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                walk(item, path + "[" + i++ + "]", found, seen);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(v, path + "." + k, found, seen));
            return;
        }
        String pkg = value.getClass().getPackageName();
        if (!pkg.startsWith("io.fabric8.") && !pkg.startsWith("io.strimzi.")) {
            return;
        }
        for (Method m : value.getClass().getMethods()) {
            if (Modifier.isStatic(m.getModifiers()) || m.getParameterCount() != 0
                    || m.getDeclaringClass() == Object.class || m.getReturnType().isPrimitive()) {
                continue;
            }
            String name = m.getName();
            if (!name.startsWith("get") || name.length() == 3) {
                continue;
            }
            Object child;
            try {
                child = m.invoke(value);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            if (name.equals("getAdditionalProperties")) {
                if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    extra.keySet().forEach(k -> found.add(path + "." + k));
                }
                continue;
            }
            String field = Character.toLowerCase(name.charAt(3)) + name.substring(4);
            walk(child, path + "." + field, found, seen);
        }
    }

    @SuppressWarnings("unchecked")
    static <T> List<T> ofType(List<Doc> docs, Class<T> type) {
        return docs.stream().map(Doc::model).filter(type::isInstance).map(m -> (T) m).toList();
    }
}
