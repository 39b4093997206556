package io.rawpipeline.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import io.rawpipeline.deployment.MonitoringTools.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The alert rules of k8s/alerts.yaml: the PrometheusRule's spec is a valid Prometheus rule file, its unit tests
 * (k8s/monitoring/alerts-test.yml) pass under promtool and cover each alert firing and staying quiet, and every
 * alert carries what a person paged needs, with a runbook section in docs/operations.md.
 */
class AlertRulesTest {

    @Test
    void theRuleFilePassesPromtoolsCheckAndItsUnitTests() throws IOException {
        Path promtool = MonitoringTools.promtool();
        Path dir = MonitoringTools.workDir();
        Files.writeString(dir.resolve(Monitoring.RULES_FILE), Monitoring.rulesFile());
        Files.copy(Monitoring.ALERT_TESTS, dir.resolve(Monitoring.ALERT_TESTS.getFileName()));

        Run check = MonitoringTools.run(dir, promtool, "check", "rules", Monitoring.RULES_FILE);
        assertThat(check.exitCode()).as(check.toString()).isZero();
        assertThat(check.output()).as(check.toString())
                .contains("SUCCESS: " + Monitoring.alerts().size() + " rules found");

        Run test = MonitoringTools.run(dir, promtool, "test", "rules",
                Monitoring.ALERT_TESTS.getFileName().toString());
        assertThat(test.exitCode()).as(test.toString()).isZero();
        assertThat(test.output()).as(test.toString()).contains("SUCCESS");
    }

    @Test
    void theSpecIsAPlainRuleFileInThePipelinesPrometheusRule() {
        PrometheusRule rule = Monitoring.prometheusRule();
        assertThat(rule.getMetadata().getName()).isEqualTo("rawpipeline");
        assertThat(rule.getMetadata().getLabels()).containsEntry("app.kubernetes.io/part-of", "rawpipeline");
        JsonNode spec = Monitoring.yaml(Monitoring.ALERTS).path("spec");
        List<String> keys = new ArrayList<>();
        spec.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).as("spec: exactly a Prometheus rule file").containsExactly("groups");
        assertThat(Monitoring.alerts()).extracting(Rule::getAlert).containsExactlyInAnyOrder("ConnectorFailed",
                "ConnectorTaskFailed", "ParseAppNotRunning", "DeadLettersArriving", "TableNotFresh",
                "ConsumerLagGrowing", "GatewayRefusingPings", "PipelinePartDown");
    }

    @Test
    void everyAlertHasASeveritySummaryDescriptionAndARunbookSection() {
        Set<String> anchors = Monitoring.headingAnchors(Monitoring.OPERATIONS);
        // the anchor rule, on a heading whose anchor operations.md already links to
        assertThat(anchors).contains("looking-at-dead-letters-pipeline-dead-letters");
        for (Rule alert : Monitoring.alerts()) {
            String name = alert.getAlert();
            assertThat(alert.getFor()).as(name + " for").isNotBlank();
            assertThat(alert.getLabels()).as(name).containsKey("severity");
            assertThat(alert.getLabels().get("severity")).as(name).isIn("critical", "warning");
            assertThat(alert.getAnnotations()).as(name).containsKeys("summary", "description", "runbook");
            assertThat(alert.getAnnotations().get("summary")).as(name).isNotBlank();
            assertThat(alert.getAnnotations().get("description")).as(name).contains("{{");
            String anchor = "alert-" + name.toLowerCase(Locale.ROOT);
            assertThat(alert.getAnnotations().get("runbook")).as(name).isEqualTo("docs/operations.md#" + anchor);
            assertThat(anchors).as("a section `### Alert: " + name + "` in docs/operations.md").contains(anchor);
        }
    }

    @Test
    void everyAlertHasAUnitTestWhereItFiresAndOneWhereItStaysQuiet() {
        JsonNode tests = Monitoring.yaml(Monitoring.ALERT_TESTS);
        assertThat(tests.path("rule_files")).extracting(JsonNode::asText).containsExactly(Monitoring.RULES_FILE);
        Set<String> fires = new HashSet<>();
        Set<String> quiet = new HashSet<>();
        for (JsonNode group : tests.path("tests")) {
            for (JsonNode test : group.path("alert_rule_test")) {
                String alert = test.path("alertname").asText();
                (test.path("exp_alerts").isEmpty() ? quiet : fires).add(alert);
            }
        }
        List<String> alerts = Monitoring.alerts().stream().map(Rule::getAlert).toList();
        assertThat(fires).as("alerts with a case where they fire").containsAll(alerts);
        assertThat(quiet).as("alerts with a case where they stay quiet").containsAll(alerts);
        assertThat(alerts).as("alerts the tests name").containsAll(fires).containsAll(quiet);
    }

    @Test
    void theRulesReadOnlyTheKnownMetricsAndJobs() {
        String rules = Monitoring.rulesFile();
        for (Rule alert : Monitoring.alerts()) {
            assertThat(Monitoring.metricNames(Monitoring.promql(alert))).as(alert.getAlert())
                    .isSubsetOf(Monitoring.METRICS);
        }
        StringBuilder series = new StringBuilder();
        for (JsonNode group : Monitoring.yaml(Monitoring.ALERT_TESTS).path("tests")) {
            group.path("input_series").forEach(s -> series.append(s.path("series").asText()).append('\n'));
        }
        String tests = series.toString();
        assertThat(Monitoring.metricNames(tests)).as("the series of alerts-test.yml").isSubsetOf(Monitoring.METRICS);
        assertThat(Monitoring.jobs(rules)).as("jobs the rules name").isSubsetOf(Monitoring.JOBS);
        assertThat(Monitoring.jobs(tests)).as("jobs the tests' series carry").isSubsetOf(Monitoring.JOBS);
    }
}
