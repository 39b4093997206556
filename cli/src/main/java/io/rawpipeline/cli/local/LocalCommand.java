package io.rawpipeline.cli.local;

import io.rawpipeline.cli.PathOptions;
import io.rawpipeline.local.alerts.LocalAlerts;
import io.rawpipeline.local.pipeline.LocalRun;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pipeline local}: the whole pipeline on this machine, fed by an inbox folder, until Ctrl-C. */
@Command(name = "local", mixinStandardHelpOptions = true,
        description = {"Starts every part of the pipeline on this machine and keeps it running: a log file dropped "
                + "into inbox/<route>/ is uploaded to the local S3 with its notification and lands in the local "
                + "warehouse. Ctrl-C stops every part and prints what the warehouse holds. A second start in the "
                + "same data folder carries on with the same topics, schemas, offsets and rows."})
public final class LocalCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private LocalOptions local;

    @Option(names = "--inbox", description = "The inbox folder (default: inbox in the data folder).")
    private Path inboxDir;

    @Option(names = "--alerts", paramLabel = "URL", description = "Also run Prometheus and Alertmanager (Debian "
            + "packages prometheus and prometheus-alertmanager) with the shipped rules (k8s/alerts.yaml) and route "
            + "(k8s/monitoring/alertmanager.yml), posting alerts to this Mattermost (or Slack) incoming webhook.")
    private URI alertsWebhook;

    @Override
    public Integer call() throws Exception {
        Path inbox = inboxDir == null ? null : PathOptions.folder(inboxDir, "--inbox");
        if (alertsWebhook != null) {
            LocalAlerts.checkInstalled();
        }
        new LocalRun(local.dataDir("local"), local.pluginPath(), inbox, alertsWebhook)
                .run(spec.commandLine().getOut());
        return 0;
    }
}
