package io.rawpipeline.local.pipeline;

import io.rawpipeline.local.ObjectUploads;
import io.rawpipeline.local.S3Server;
import io.rawpipeline.local.alerts.LocalAlerts;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code pipeline local}: the whole pipeline on this machine, fed by an inbox folder, until the process is told to
 * stop (Ctrl-C); then every part stops and the warehouse's tables are printed.
 */
public final class LocalRun {

    private final Path dataDir;
    private final Path pluginPath;
    private final Path inboxRoot;
    private final URI alertsWebhook;
    private volatile boolean stopping;

    /**
     * @param inboxRoot     null: the inbox folder in the data folder
     * @param alertsWebhook null: no Prometheus and Alertmanager; else the webhook they post alerts to
     */
    public LocalRun(Path dataDir, Path pluginPath, Path inboxRoot, URI alertsWebhook) {
        this.dataDir = dataDir;
        this.pluginPath = pluginPath;
        this.inboxRoot = inboxRoot != null ? inboxRoot : dataDir.resolve("inbox");
        this.alertsWebhook = alertsWebhook;
    }

    /** Runs until the JVM shuts down. */
    public void run(PrintWriter out) throws Exception {
        Files.createDirectories(dataDir.resolve("logs"));
        LogFile.redirectTo(dataDir.resolve("logs/pipeline.log"));
        boolean again = Files.exists(dataDir.resolve(LocalPipeline.WAREHOUSE_FILE));
        out.println((again ? "Starting the pipeline again" : "Starting the pipeline") + " (data in " + dataDir
                + ", logs in " + dataDir.resolve("logs") + ")");
        out.flush();
        LocalPipeline pipeline = LocalPipeline.start(dataDir, pluginPath, line -> {
            out.println(line);
            out.flush();
        });
        CountDownLatch watching = new CountDownLatch(1);
        LocalAlerts alerts = null;
        if (alertsWebhook != null) {
            try {
                alerts = pipeline.startAlerts(LocalAlerts.home(), alertsWebhook);
            } catch (Exception | Error e) {
                pipeline.close();
                throw e;
            }
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(pipeline, watching, out), "pipeline-local-stop"));
        try (ObjectUploads uploads = pipeline.uploads()) {
            Inbox inbox = new Inbox(inboxRoot, uploads, out);
            printWhereToGo(pipeline, out);
            if (alerts != null) {
                out.printf("Alerts: Prometheus at %s/alerts, Alertmanager at %s, posting to the webhook%n",
                        alerts.prometheusUrl(), alerts.alertmanagerUrl());
                out.flush();
            }
            while (!stopping) {
                inbox.uploadSettledFiles();
                Thread.sleep(1000);
            }
        } finally {
            watching.countDown();
        }
    }

    private void printWhereToGo(LocalPipeline pipeline, PrintWriter out) {
        out.printf("%nRunning. Kafka at %s, schema registry at %s, Connect REST at %s, S3 at %s.%n",
                pipeline.bootstrapServers(), pipeline.registryUrl(), pipeline.connectUrl(), pipeline.s3Endpoint());
        out.printf("Drop log files into %s/<route>/ (routes: %s); each lands in the warehouse %s.%n",
                inboxRoot, String.join(", ", Inbox.FOLDERS.stream().map(Inbox.Folder::route).toList()),
                pipeline.warehouseFile());
        out.printf("Pings: curl '%s?id=myserver&b=9.11.1&be=true&db=postgres&os=linux&uc=10&tc=1&auc=5&ut=0'%n",
                pipeline.pingUrl());
        out.printf("Parse app: %s/healthz/ready, %s/metrics; Connect worker metrics: %s%n",
                pipeline.parseAppStatusUrl(), pipeline.parseAppStatusUrl(), pipeline.connectMetricsUrl());
        out.printf("Backfill: AWS_ACCESS_KEY_ID=%s AWS_SECRET_ACCESS_KEY=%s ./pipeline backfill --source diagnostics "
                + "--from … --to … --queue-url %s --s3-endpoint %s --sqs-endpoint %s%n", S3Server.ACCESS_KEY,
                S3Server.SECRET_KEY, pipeline.queueUrl(), pipeline.s3Endpoint(), pipeline.sqsEndpoint());
        out.println("The warehouse sink holds the DuckDB file while it runs; Ctrl-C stops everything and shows "
                + "what landed.");
        out.flush();
    }

    /** The shutdown hook: waits for the inbox loop to let go, then stops every part and shows what landed. */
    private void stop(LocalPipeline pipeline, CountDownLatch watching, PrintWriter out) {
        stopping = true;
        try {
            watching.await();
            out.println();
            out.println("Stopping.");
            pipeline.stopConnectWorker();
            try (Warehouse warehouse = Warehouse.open(pipeline.warehouseFile())) {
                out.println("The warehouse " + pipeline.warehouseFile() + " holds:");
                for (Map.Entry<String, Long> table : warehouse.rowCounts().entrySet()) {
                    out.printf("  RAW.%-32s %,10d rows%n", table.getKey(), table.getValue());
                }
            }
        } catch (Exception e) {
            out.println("Could not read the warehouse: " + e);
        } finally {
            pipeline.close();
            out.println("Stopped.");
            out.flush();
        }
    }
}
