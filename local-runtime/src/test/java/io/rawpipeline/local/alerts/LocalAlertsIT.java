package io.rawpipeline.local.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.sun.net.httpserver.HttpServer;
import io.rawpipeline.local.pipeline.LocalPipelineTest;
import io.rawpipeline.local.pipeline.SampleLoad;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code pipeline local --alerts}: the real Prometheus and Alertmanager with the shipped rules and route, scraping
 * the local pipeline, and an HTTP server standing in for a Mattermost incoming webhook. Every metric the rules and
 * the dashboard name is exported; a stopped parse app reaches the webhook as an alert naming it, in the Slack
 * format Mattermost accepts, and its resolution once it runs again.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalAlertsIT extends LocalPipelineTest {

    private static final Duration NOTIFICATION_TIMEOUT = Duration.ofMinutes(4);
    /** Metric names in PromQL: every metric the pipeline exports starts so (up and ALERTS are Prometheus' own). */
    private static final Pattern METRIC = Pattern.compile("\\b(?:kafka|gateway)_[a-z0-9_]+");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Reads the rules' YAML and the dashboard's JSON alike. */
    private static final YAMLMapper YAML = new YAMLMapper();

    private static final BlockingQueue<JsonNode> posted = new LinkedBlockingQueue<>();
    private static HttpServer mattermost;
    private static LocalAlerts alerts;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startAlerts() throws Exception {
        mattermost = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        mattermost.createContext("/hooks/", exchange -> {
            posted.add(JSON.readTree(exchange.getRequestBody()));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        mattermost.start();
        alerts = pipeline.startAlerts(LocalAlerts.home(), URI.create("http://127.0.0.1:"
                + mattermost.getAddress().getPort() + "/hooks/rawpipeline-test"));
    }

    @AfterAll
    static void stopMattermost() {
        if (mattermost != null) {
            mattermost.stop(0);
        }
    }

    @Test
    @Order(1)
    void everyMetricTheRulesAndTheDashboardNameIsExportedAndNothingFiresWhileAllIsWell() throws Exception {
        SampleLoad load = SampleLoad.of("alerts", 1, 200, 10);
        load.send(pipeline);
        load.awaitLanded(pipeline, Duration.ofMinutes(3), System.out::println);
        assertThat(load.expectedDeadLetters()).as("the load plants bad lines").isPositive();

        Set<String> named = new TreeSet<>();
        for (String file : List.of(LocalAlerts.RULES, "k8s/monitoring/dashboard.json")) {
            // every rule's and every panel target's query; label values ("...") are not metric names
            for (JsonNode expr : YAML.readTree(LocalAlerts.home().resolve(file).toFile()).findValues("expr")) {
                Matcher metric = METRIC.matcher(expr.asText().replaceAll("\"[^\"]*\"", "\"\""));
                while (metric.find()) {
                    named.add(metric.group());
                }
            }
        }
        assertThat(named).as("metrics the rules and dashboard name").contains(
                "kafka_connect_connector_task_metrics_status_info", "kafka_streams_stream_metrics_state_info",
                "gateway_requests_rejected_total");
        List<String> missing = new ArrayList<>(named);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!missing.isEmpty() && System.nanoTime() < deadline) {
            missing.removeIf(this::exported);
            Thread.sleep(2000);
        }
        assertThat(missing).as("metrics named in %s or the dashboard that no scraped part exports",
                LocalAlerts.RULES).isEmpty();

        JsonNode rules = query("/api/v1/rules", "");
        List<String> unhealthy = new ArrayList<>();
        rules.path("data").path("groups").forEach(group -> group.path("rules").forEach(rule -> {
            if (!"ok".equals(rule.path("health").asText())) {
                unhealthy.add(rule.path("name").asText() + ": " + rule.path("lastError").asText());
            }
        }));
        assertThat(unhealthy).as("rules Prometheus could not evaluate").isEmpty();
        // a rule evaluated before a target's first scrape sees no target (ParseAppNotRunning's absent(up)): judge
        // the alerts once every target has been scraped up and the rules evaluated twice since
        awaitEveryTargetUp(Duration.ofSeconds(60));
        Thread.sleep(2 * LocalAlerts.INTERVAL.toMillis());
        assertThat(query("/api/v1/alerts", "").path("data").path("alerts")).as("alerts while all is well")
                .isEmpty();
        assertThat(posted).as("posts to the webhook while all is well").isEmpty();
    }

    @Test
    @Order(2)
    void aStoppedParseAppIsPostedToTheWebhookAndSoIsItsReturn() throws Exception {
        pipeline.stopParseApp();
        JsonNode firing = awaitPost("ParseAppNotRunning", "firing");
        JsonNode attachment = firing.path("attachments").path(0);
        assertThat(attachment.path("text").asText()).as("the alert's text").containsIgnoringCase("parse app")
                .contains("docs/operations.md#alert-parseappnotrunning");

        pipeline.startParseApp();
        awaitPost("ParseAppNotRunning", "resolved");
    }

    /** The next post of the webhook whose attachment names {@code alert} in state {@code status}. */
    private static JsonNode awaitPost(String alert, String status) throws InterruptedException {
        long deadline = System.nanoTime() + NOTIFICATION_TIMEOUT.toNanos();
        List<String> others = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            JsonNode post = posted.poll(5, TimeUnit.SECONDS);
            if (post == null) {
                continue;
            }
            // Slack's format, which Mattermost's incoming webhooks take: attachments with a title and text
            JsonNode attachment = post.path("attachments").path(0);
            String title = attachment.path("title").asText();
            if (title.contains(alert) && title.toLowerCase().contains(status)) {
                return post;
            }
            others.add(post.toString());
        }
        throw new AssertionError("No post of " + alert + " " + status + " within " + NOTIFICATION_TIMEOUT
                + "; other posts: " + others);
    }

    private void awaitEveryTargetUp(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> notUp;
        do {
            notUp = new ArrayList<>();
            for (JsonNode target : query("/api/v1/targets", "state=active").path("data").path("activeTargets")) {
                if (!"up".equals(target.path("health").asText())) {
                    notUp.add(target.path("scrapeUrl").asText() + " " + target.path("health").asText());
                }
            }
            if (notUp.isEmpty()) {
                return;
            }
            Thread.sleep(1000);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("targets not up after " + timeout + ": " + notUp);
    }

    private boolean exported(String metric) {
        try {
            return query("/api/v1/series", "match[]=" + URLEncoder.encode(metric, StandardCharsets.UTF_8))
                    .path("data").size() > 0;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode query(String path, String query) throws IOException, InterruptedException {
        URI uri = alerts.prometheusUrl().resolve(path + (query.isEmpty() ? "" : "?" + query));
        return JSON.readTree(http.send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }
}
