package io.rawpipeline.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import io.rawpipeline.deployment.MonitoringTools.Run;
import io.strimzi.api.kafka.model.common.metrics.StrimziMetricsReporter;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * k8s/monitoring/dashboard.json: every panel's query is valid PromQL (promtool, as recording rules), reads only
 * the known metrics and jobs, and goes to the one Prometheus data source variable; and the Connect workers export
 * every Connect metric the dashboard and the alerts read.
 */
class DashboardTest {

    final JsonNode dashboard = Monitoring.dashboard();

    @Test
    void everyPanelQueryIsValidPromQL() throws IOException {
        List<String> queries = queries();
        assertThat(queries).hasSizeGreaterThan(20);
        Run run = check("dashboard", queries);
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.output()).as(run.toString()).contains("SUCCESS: " + queries.size() + " rules found");
    }

    @Test
    void aBrokenQueryFailsTheCheck() throws IOException {
        List<String> queries = new ArrayList<>(queries());
        queries.add("sum by (topic) (rate(gateway_pings_accepted_total[$__rate_interval])");
        Run run = check("dashboard-broken", queries);
        assertThat(run.exitCode()).as(run.toString()).isNotZero();
        assertThat(run.output()).as(run.toString()).contains("dashboard:panel_" + (queries.size() - 1));
    }

    @Test
    void grafanaVariablesBecomeADuration() {
        assertThat(Monitoring.withoutGrafanaVariables(
                "rate(x{job=\"$job\"}[$__rate_interval]) + rate(x[${__interval}]) + label_replace(x, \"a\", \"$1\")"))
                .isEqualTo("rate(x{job=\"5m\"}[5m]) + rate(x[5m]) + label_replace(x, \"a\", \"$1\")");
    }

    @Test
    void panelsReadOnlyTheKnownMetricsAndJobs() {
        Set<String> used = new LinkedHashSet<>();
        for (String query : queries()) {
            used.addAll(Monitoring.metricNames(query));
            assertThat(Monitoring.jobs(query)).as(query).isSubsetOf(Monitoring.JOBS);
        }
        assertThat(used).isSubsetOf(Monitoring.METRICS);
        for (Rule alert : Monitoring.alerts()) {
            used.addAll(Monitoring.metricNames(Monitoring.promql(alert)));
        }
        assertThat(Monitoring.METRICS).as("names listed but read by no panel or alert").isSubsetOf(used);
    }

    @Test
    void everyPanelUsesThePrometheusDataSourceVariable() {
        assertThat(dashboard.path("uid").asText()).isEqualTo("rawpipeline");
        assertThat(dashboard.path("schemaVersion").asInt()).isGreaterThanOrEqualTo(36);
        assertThat(dashboard.path("templating").path("list")).anySatisfy(v -> {
            assertThat(v.path("name").asText()).isEqualTo("datasource");
            assertThat(v.path("type").asText()).isEqualTo("datasource");
            assertThat(v.path("query").asText()).isEqualTo("prometheus");
        });
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : Monitoring.panels(dashboard)) {
            String title = panel.path("title").asText();
            assertThat(ids.add(panel.path("id").asInt())).as("unique id: " + title).isTrue();
            if (panel.path("type").asText().equals("row")) {
                continue;
            }
            assertThat(panel.path("datasource").path("uid").asText()).as(title).isEqualTo("${datasource}");
            assertThat(panel.path("targets")).as(title).isNotEmpty().allSatisfy(t -> {
                assertThat(t.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
                assertThat(t.path("expr").asText()).isNotBlank();
            });
        }
    }

    @Test
    void theConnectWorkersExportEveryConnectAndClientMetricRead() {
        KafkaConnect connect = Manifests.ofType(Manifests.all(), KafkaConnect.class).get(0);
        StrimziMetricsReporter reporter = (StrimziMetricsReporter) connect.getSpec().getMetricsConfig();
        // a list in the resource replaces Strimzi's default one, which leaves out plugin and sink-task metrics
        List<Pattern> allowed = reporter.getValues().getAllowList().stream().map(Pattern::compile).toList();
        for (String metric : Monitoring.METRICS) {
            if (!metric.startsWith("kafka_") || metric.startsWith("kafka_streams_")) {
                continue;
            }
            // the reporter matches the name before the _info suffix of string-valued metrics
            String reported = metric.replaceFirst("_info$", "");
            assertThat(allowed).as(metric + " in the KafkaConnect's metricsConfig allowList")
                    .anySatisfy(p -> assertThat(p.matcher(reported).matches()).isTrue());
        }
    }

    private List<String> queries() {
        return Monitoring.dashboardQueries(dashboard).values().stream().flatMap(List::stream).toList();
    }

    private static Run check(String name, List<String> queries) throws IOException {
        Path promtool = MonitoringTools.promtool();
        Path dir = MonitoringTools.workDir(name);
        Files.writeString(dir.resolve("dashboard.rules.yml"), Monitoring.recordingRules(queries));
        return MonitoringTools.run(dir, promtool, "check", "rules", "dashboard.rules.yml");
    }
}
