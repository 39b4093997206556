package io.rawpipeline.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The monitoring files (k8s/alerts.yaml, k8s/monitoring/) as the checks read them, and the metric names they use. */
final class Monitoring {

    static final Path K8S = Manifests.root().resolve("k8s");
    static final Path ALERTS = K8S.resolve("alerts.yaml");
    static final Path DIR = K8S.resolve("monitoring");
    static final Path ALERT_TESTS = DIR.resolve("alerts-test.yml");
    static final Path ALERTMANAGER = DIR.resolve("alertmanager.yml");
    static final Path DASHBOARD = DIR.resolve("dashboard.json");
    static final Path KUSTOMIZATION = DIR.resolve("kustomization.yaml");
    static final Path OPERATIONS = Manifests.root().resolve("docs/operations.md");

    /** The rule file alerts-test.yml names: the PrometheusRule's spec, written beside it. */
    static final String RULES_FILE = "alerts.rules.yml";

    /** Where Alertmanager reads the Mattermost webhook URL: the operator mounts the Secret mattermost-webhook here. */
    static final String WEBHOOK_SECRET = "mattermost-webhook";
    static final String WEBHOOK_URL_FILE = "/etc/alertmanager/secrets/" + WEBHOOK_SECRET + "/url";

    /** The scrape jobs the alerts and the dashboard name: the same in local mode and on Kubernetes (jobLabel). */
    static final Set<String> JOBS = Set.of("kafka-connect", "rawpipeline-parse", "rawpipeline-gateway");

    /**
     * Every metric the alerts, their tests and the dashboard read. Kafka's are named as Strimzi's metrics reporter
     * names them ({@code kafka_<client>_<group>_<name>}, string values as {@code <name>_info}), on the Connect
     * workers and by the parse app's collector; the S3 source's are Connect plugin metrics (group plugins); the
     * gateway's are its own. Taken from the code, not from a scrape: the local end-to-end test checks them against a
     * real one.
     */
    static final Set<String> METRICS = Set.of(
            // Connect: connector and task states, sink and error counts
            "kafka_connect_connector_metrics_status_info",
            "kafka_connect_connector_task_metrics_status_info",
            "kafka_connect_sink_task_metrics_sink_record_send_total",
            "kafka_connect_task_error_metrics_total_record_failures",
            // the S3 source connector's plugin metrics
            "kafka_connect_plugins_objects_read_total",
            "kafka_connect_plugins_lines_read_total",
            "kafka_connect_plugins_bytes_read_total",
            "kafka_connect_plugins_objects_in_progress",
            "kafka_connect_plugins_notifications_waiting",
            // the warehouse sink's plugin metrics, per table
            "kafka_connect_plugins_newest_row_timestamp_seconds",
            // Kafka clients, on Connect and in the parse app
            "kafka_producer_producer_topic_metrics_record_send_total",
            "kafka_consumer_consumer_fetch_manager_metrics_records_consumed_total",
            "kafka_consumer_consumer_fetch_manager_metrics_records_lag",
            // the parse app's Kafka Streams
            "kafka_streams_stream_metrics_state_info",
            "kafka_streams_stream_parse_metrics_dead_letters_total",
            // the gateway
            "gateway_pings_accepted_total",
            "gateway_requests_rejected_total",
            "gateway_produce_latency_seconds_bucket",
            "gateway_buffer_records");

    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");

    static final Pattern METRIC = Pattern.compile("\\b(?:kafka|gateway)_[a-z0-9_]+");

    private static final Pattern JOB = Pattern.compile("\\bjob=~?\\\\?\"([^\"\\\\]+)");

    /** A query an annotation runs: query `...` or query "..." (group 1 or 2). */
    private static final Pattern TEMPLATE_QUERY =
            Pattern.compile("\\bquery\\s+(?:`([^`]*)`|\"((?:[^\"\\\\]|\\\\.)*)\")");

    /** A Grafana variable in a query: $__rate_interval, ${datasource}, $job, ${var:format}. */
    private static final Pattern GRAFANA_VARIABLE = Pattern.compile("\\$\\{?[A-Za-z_]\\w*(?::\\w+)?}?");

    private Monitoring() {
    }

    static PrometheusRule prometheusRule() {
        List<PrometheusRule> rules = Manifests.ofType(Manifests.read(ALERTS), PrometheusRule.class);
        if (rules.size() != 1) {
            throw new IllegalStateException(ALERTS + " must hold one PrometheusRule, not " + rules.size());
        }
        return rules.get(0);
    }

    /** Every alerting rule of the PrometheusRule, in order. */
    static List<Rule> alerts() {
        return prometheusRule().getSpec().getGroups().stream().flatMap(g -> g.getRules().stream())
                .filter(r -> r.getAlert() != null).toList();
    }

    /** The PrometheusRule's spec as a plain Prometheus rule file: what `pipeline local` gives its Prometheus. */
    static String rulesFile() {
        try {
            return Manifests.YAML.writeValueAsString(Manifests.YAML.readTree(ALERTS.toFile()).get("spec"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode yaml(Path file) {
        try {
            return Manifests.YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode dashboard() {
        try {
            return JsonMapper.builder().build().readTree(DASHBOARD.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every panel of the dashboard, those nested in (collapsed) rows included. */
    static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> panels = new ArrayList<>();
        collect(dashboard.path("panels"), panels);
        return panels;
    }

    private static void collect(JsonNode list, List<JsonNode> into) {
        for (JsonNode panel : list) {
            into.add(panel);
            collect(panel.path("panels"), into);
        }
    }

    /** Every query of the dashboard's panels, by panel title. */
    static Map<String, List<String>> dashboardQueries(JsonNode dashboard) {
        Map<String, List<String>> queries = new LinkedHashMap<>();
        for (JsonNode panel : panels(dashboard)) {
            for (JsonNode target : panel.path("targets")) {
                queries.computeIfAbsent(panel.path("title").asText(), t -> new ArrayList<>())
                        .add(target.path("expr").asText());
            }
        }
        return queries;
    }

    /** A dashboard query as promtool can read it: every Grafana variable replaced by 5m. */
    static String withoutGrafanaVariables(String query) {
        return GRAFANA_VARIABLE.matcher(query).replaceAll("5m");
    }

    /** A rule file of one recording rule per query (dashboard:panel_&lt;n&gt;), for promtool check rules. */
    static String recordingRules(List<String> queries) {
        List<Map<String, String>> rules = new ArrayList<>();
        for (int i = 0; i < queries.size(); i++) {
            rules.add(Map.of("record", "dashboard:panel_" + i, "expr", withoutGrafanaVariables(queries.get(i))));
        }
        try {
            return Manifests.YAML.writeValueAsString(Map.of("groups", List.of(Map.of("name", "dashboard",
                    "rules", rules))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The PromQL an alert evaluates: its expression and the queries its annotations run (query `...`). */
    static String promql(Rule alert) {
        StringBuilder promql = new StringBuilder(alert.getExpr().getStrVal());
        for (String annotation : alert.getAnnotations().values()) {
            Matcher m = TEMPLATE_QUERY.matcher(annotation);
            while (m.find()) {
                promql.append('\n').append(m.group(1) != null ? m.group(1) : m.group(2));
            }
        }
        return promql.toString();
    }

    /** The metric names of PromQL or series text, not counting label values ("..." strings). */
    static Set<String> metricNames(String text) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = METRIC.matcher(STRING.matcher(text).replaceAll("\"\""));
        while (m.find()) {
            names.add(m.group());
        }
        return names;
    }

    /** The jobs a text's selectors name: job="x", job=~"x|y". */
    static Set<String> jobs(String text) {
        Set<String> jobs = new LinkedHashSet<>();
        Matcher m = JOB.matcher(text);
        while (m.find()) {
            jobs.addAll(List.of(m.group(1).split("\\|")));
        }
        return jobs;
    }

    /** GitHub's anchors of the Markdown headings outside code blocks: lowercase, punctuation dropped, '-' for ' '. */
    static Set<String> headingAnchors(Path markdown) {
        Set<String> anchors = new LinkedHashSet<>();
        boolean code = false;
        try {
            for (String line : Files.readAllLines(markdown)) {
                if (line.stripLeading().startsWith("```")) {
                    code = !code;
                } else if (!code && line.matches("#{1,6} .*")) {
                    anchors.add(anchor(line.replaceFirst("^#+ ", "")));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return anchors;
    }

    static String anchor(String heading) {
        return heading.strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }
}
