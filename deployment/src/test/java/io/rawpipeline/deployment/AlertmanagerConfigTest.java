package io.rawpipeline.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.openshift.api.model.monitoring.v1.Alertmanager;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import io.rawpipeline.deployment.MonitoringTools.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * k8s/monitoring/alertmanager.yml: amtool accepts it, every alert goes to Mattermost with its name, state, summary,
 * description and runbook, and the webhook URL comes from the Secret the Alertmanager resource mounts; the
 * kustomization turns it into the Secret that resource names, and the dashboard into Grafana's ConfigMap.
 */
class AlertmanagerConfigTest {

    static final ObjectMapper JSON = new ObjectMapper();

    final JsonNode config = Monitoring.yaml(Monitoring.ALERTMANAGER);
    final JsonNode mattermost = config.path("receivers").path(0).path("slack_configs").path(0);

    @Test
    void amtoolAcceptsTheConfiguration() {
        Path amtool = MonitoringTools.amtool();
        Path dir = MonitoringTools.workDir("alertmanager");
        Run run = MonitoringTools.run(dir, amtool, "check-config", Monitoring.ALERTMANAGER.toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.output()).as(run.toString()).contains("SUCCESS").contains("1 receivers");
    }

    @Test
    void everyAlertGoesToMattermostGroupedByWhatItIsAbout() throws IOException {
        JsonNode route = config.path("route");
        assertThat(route.path("receiver").asText()).isEqualTo("mattermost");
        assertThat(route.path("routes").isMissingNode()).as("one route: everything to Mattermost").isTrue();
        assertThat(route.path("group_by")).extracting(JsonNode::asText).containsExactlyInAnyOrder("alertname",
                "connector", "task", "topic", "client_id", "job", "instance");
        assertThat(route.path("group_wait").asText()).isEqualTo("30s");
        assertThat(route.path("group_interval").asText()).isEqualTo("1m");
        assertThat(route.path("repeat_interval").asText()).isEqualTo("4h");
        assertThat(config.path("receivers")).singleElement()
                .satisfies(r -> assertThat(r.path("name").asText()).isEqualTo("mattermost"));
        assertThat(config.path("receivers").path(0).path("slack_configs")).hasSize(1);
        assertThat(mattermost.path("send_resolved").asBoolean()).isTrue();
        assertThat(mattermost.path("api_url_file").asText()).isEqualTo(Monitoring.WEBHOOK_URL_FILE);
        assertThat(mattermost.has("api_url")).as("the URL is a secret: api_url_file only").isFalse();
        // `pipeline local` replaces the path, once, with its own file's
        String text = Files.readString(Monitoring.ALERTMANAGER);
        assertThat(text.split(Monitoring.WEBHOOK_URL_FILE, -1)).hasSize(2);
    }

    @Test
    void theMessageNamesTheAlertItsStateSummaryDescriptionAndRunbook() throws IOException {
        Path amtool = MonitoringTools.amtool();
        Path dir = MonitoringTools.workDir("alertmanager-render");
        Rule rule = Monitoring.alerts().stream().filter(r -> r.getAlert().equals("TableNotFresh")).findFirst()
                .orElseThrow();
        Path templates = Files.writeString(dir.resolve("none.tmpl"), "");
        for (String status : List.of("firing", "resolved")) {
            ObjectNode alert = JSON.createObjectNode();
            alert.put("status", status);
            alert.putObject("labels").put("alertname", rule.getAlert()).put("severity", "warning")
                    .put("topic", "push_proxy.logs_us_new");
            alert.putObject("annotations").put("summary", "the summary").put("description", "the description")
                    .put("runbook", rule.getAnnotations().get("runbook"));
            ObjectNode data = JSON.createObjectNode();
            data.put("receiver", "mattermost").put("status", status);
            ArrayNode alerts = data.putArray("alerts");
            alerts.add(alert);
            data.set("commonLabels", alert.get("labels"));
            data.set("groupLabels", JSON.createObjectNode().put("alertname", rule.getAlert()));
            Path json = dir.resolve(status + ".json");
            Files.writeString(json, JSON.writeValueAsString(data));

            String title = render(amtool, dir, templates, json, mattermost.path("title").asText());
            String message = render(amtool, dir, templates, json, mattermost.path("text").asText());
            assertThat(title).contains(status.toUpperCase()).contains(rule.getAlert());
            assertThat(message).contains(rule.getAlert(), status, "the summary", "the description",
                    rule.getAnnotations().get("runbook"));
        }
    }

    @Test
    void theAlertmanagerResourceMountsTheWebhookSecretAndReadsTheGeneratedConfig() {
        List<Alertmanager> found = Manifests.ofType(Manifests.all(), Alertmanager.class);
        assertThat(found).hasSize(1);
        Alertmanager alertmanager = found.get(0);
        assertThat(alertmanager.getSpec().getSecrets()).containsExactly(Monitoring.WEBHOOK_SECRET);

        JsonNode kustomization = Monitoring.yaml(Monitoring.KUSTOMIZATION);
        assertThat(kustomization.path("generatorOptions").path("disableNameSuffixHash").asBoolean()).isTrue();
        JsonNode secret = kustomization.path("secretGenerator");
        assertThat(secret).hasSize(1);
        assertThat(secret.path(0).path("name").asText()).isEqualTo(alertmanager.getSpec().getConfigSecret());
        // the operator reads the key alertmanager.yaml
        assertThat(secret.path(0).path("files")).extracting(JsonNode::asText)
                .containsExactly("alertmanager.yaml=" + Monitoring.ALERTMANAGER.getFileName());

        JsonNode dashboard = kustomization.path("configMapGenerator");
        assertThat(dashboard).hasSize(1);
        assertThat(dashboard.path(0).path("name").asText()).isEqualTo("rawpipeline-dashboard");
        assertThat(dashboard.path(0).path("files")).extracting(JsonNode::asText)
                .containsExactly("rawpipeline.json=" + Monitoring.DASHBOARD.getFileName());
        assertThat(dashboard.path(0).path("options").path("labels").path("grafana_dashboard").asText())
                .isEqualTo("1");
    }

    @Test
    void everyFileOfTheMonitoringFolderIsCheckedHere() throws IOException {
        List<String> files = new ArrayList<>();
        try (var list = Files.list(Monitoring.DIR)) {
            list.forEach(f -> files.add(f.getFileName().toString()));
        }
        assertThat(files).containsExactlyInAnyOrder(Monitoring.KUSTOMIZATION.getFileName().toString(),
                Monitoring.ALERTMANAGER.getFileName().toString(), Monitoring.DASHBOARD.getFileName().toString(),
                Monitoring.ALERT_TESTS.getFileName().toString());
    }

    private static String render(Path amtool, Path dir, Path templates, Path data, String template) {
        Run run = MonitoringTools.run(dir, amtool, "template", "render", "--template.glob=" + templates,
                "--template.data=" + data, "--template.text=" + template);
        assertThat(run.exitCode()).as(run.toString()).isZero();
        return run.output();
    }
}
