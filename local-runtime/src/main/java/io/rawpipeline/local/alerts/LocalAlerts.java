package io.rawpipeline.local.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.rawpipeline.local.Executables;
import io.rawpipeline.local.KafkaBroker;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code pipeline local --alerts URL}: the real Prometheus and Alertmanager (Debian packages {@code prometheus} and
 * {@code prometheus-alertmanager}) with the rules and route production uses ({@value #RULES}, {@value #ROUTE}),
 * scraping the local parts under the job names the Kubernetes PodMonitors give them, and posting to a Mattermost
 * incoming webhook.
 */
public final class LocalAlerts implements AutoCloseable {

    /** The PrometheusRule whose {@code spec} is the rule file. */
    public static final String RULES = "k8s/alerts.yaml";
    /** The Alertmanager configuration. */
    public static final String ROUTE = "k8s/monitoring/alertmanager.yml";
    /** Where the route reads the webhook's URL in production: the mounted Secret; here a file in the data folder. */
    static final String WEBHOOK_URL_FILE = "/etc/alertmanager/secrets/mattermost-webhook/url";
    static final String INSTALL = "apt-get install -y prometheus prometheus-alertmanager";
    /** Locally the scrapes and rules run more often than in production: an alert's "for" is what delays it. */
    public static final Duration INTERVAL = Duration.ofSeconds(5);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final YAMLMapper YAML = new YAMLMapper();

    private final MonitoringServer alertmanager;
    private final MonitoringServer prometheus;

    private LocalAlerts(MonitoringServer alertmanager, MonitoringServer prometheus) {
        this.alertmanager = alertmanager;
        this.prometheus = prometheus;
    }

    /**
     * @param home    the repository (or distribution) holding {@value #RULES} and {@value #ROUTE}
     * @param dir     the folder for their configuration, storage and the webhook URL's file
     * @param targets host:port of each scrape job, by job name ({@code kafka-connect}, {@code rawpipeline-parse},
     *                {@code rawpipeline-gateway})
     */
    public static LocalAlerts start(Path home, Path dir, Path logs, URI webhook, Map<String, String> targets)
            throws IOException, InterruptedException {
        Path prometheusBinary = binary("prometheus");
        Path alertmanagerBinary = binary("prometheus-alertmanager", "alertmanager");
        Files.createDirectories(dir);
        Files.createDirectories(logs);
        Path rules = writeRules(home.resolve(RULES), dir.resolve("alerts.rules.yml"));
        Path route = writeRoute(home.resolve(ROUTE), dir, webhook);

        URI alertmanagerUrl = URI.create("http://127.0.0.1:" + KafkaBroker.freePort());
        MonitoringServer alertmanager = MonitoringServer.start("Alertmanager", alertmanagerBinary, List.of(
                "--config.file=" + route,
                "--storage.path=" + dir.resolve("alertmanager"),
                "--web.listen-address=" + alertmanagerUrl.getAuthority(),
                // one instance: no gossip port to bind
                "--cluster.listen-address="), alertmanagerUrl, dir.resolve("alertmanager"),
                logs.resolve("alertmanager.log"), START_TIMEOUT);
        try {
            Path config = writePrometheusConfig(dir.resolve("prometheus.yml"), rules, alertmanagerUrl, targets);
            URI prometheusUrl = URI.create("http://127.0.0.1:" + KafkaBroker.freePort());
            MonitoringServer prometheus = MonitoringServer.start("Prometheus", prometheusBinary, List.of(
                    "--config.file=" + config,
                    "--storage.tsdb.path=" + dir.resolve("prometheus"),
                    "--storage.tsdb.retention.time=7d",
                    "--web.listen-address=" + prometheusUrl.getAuthority()), prometheusUrl,
                    dir.resolve("prometheus"), logs.resolve("prometheus.log"), START_TIMEOUT);
            return new LocalAlerts(alertmanager, prometheus);
        } catch (IOException | InterruptedException | RuntimeException e) {
            alertmanager.close();
            throw e;
        }
    }

    public URI prometheusUrl() {
        return prometheus.url();
    }

    public URI alertmanagerUrl() {
        return alertmanager.url();
    }

    /**
     * The repository's root: {@code pipeline.home} (set by {@code ./pipeline}), else the nearest folder above the
     * working directory that holds {@value #RULES} (the tests run in a module's folder).
     */
    public static Path home() {
        String home = System.getProperty("pipeline.home");
        if (home != null) {
            return Path.of(home);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(RULES))) {
                return dir;
            }
        }
        throw new IllegalStateException(RULES + " is in no folder above " + Path.of("").toAbsolutePath()
                + "; set -Dpipeline.home to the repository");
    }

    /** The rule file: the PrometheusRule's {@code spec}, which is one. */
    static Path writeRules(Path prometheusRule, Path rules) throws IOException {
        JsonNode spec = YAML.readTree(prometheusRule.toFile()).path("spec");
        if (!spec.has("groups")) {
            throw new IllegalStateException(prometheusRule + " has no spec.groups: not a PrometheusRule");
        }
        YAML.writeValue(rules.toFile(), spec);
        return rules;
    }

    /** The route as shipped, reading the webhook's URL from a file only its owner can read. */
    static Path writeRoute(Path shipped, Path dir, URI webhook) throws IOException {
        String route = Files.readString(shipped);
        if (!route.contains(WEBHOOK_URL_FILE)) {
            throw new IllegalStateException(shipped + " does not read the webhook URL from " + WEBHOOK_URL_FILE);
        }
        Path urlFile = dir.resolve("mattermost-webhook-url");
        Files.deleteIfExists(urlFile);
        Files.createFile(urlFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(urlFile, webhook.toString());
        Path local = dir.resolve("alertmanager.yml");
        Files.writeString(local, route.replace(WEBHOOK_URL_FILE, urlFile.toString()));
        return local;
    }

    static Path writePrometheusConfig(Path file, Path rules, URI alertmanager, Map<String, String> targets)
            throws IOException {
        List<Map<String, Object>> jobs = new ArrayList<>();
        targets.forEach((job, target) -> jobs.add(Map.of("job_name", job,
                "static_configs", List.of(Map.of("targets", List.of(target))))));
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("global", Map.of("scrape_interval", INTERVAL.toSeconds() + "s",
                "evaluation_interval", INTERVAL.toSeconds() + "s"));
        config.put("rule_files", List.of(rules.toString()));
        config.put("alerting", Map.of("alertmanagers",
                List.of(Map.of("static_configs", List.of(Map.of("targets", List.of(alertmanager.getAuthority())))))));
        config.put("scrape_configs", jobs);
        YAML.writeValue(file.toFile(), config);
        return file;
    }

    /** Fails, naming the packages to install, unless both servers are on the PATH. */
    public static void checkInstalled() {
        binary("prometheus");
        binary("prometheus-alertmanager", "alertmanager");
    }

    /** The first of {@code names} on the PATH. */
    private static Path binary(String... names) {
        return Executables.onPath(names).orElseThrow(() -> new IllegalStateException(String.join(" or ", names)
                + " is not installed (not on the PATH); --alerts runs the real Prometheus and Alertmanager: "
                + INSTALL));
    }

    @Override
    public void close() {
        prometheus.close();
        alertmanager.close();
    }
}
