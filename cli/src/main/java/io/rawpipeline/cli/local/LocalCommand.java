package io.rawpipeline.cli.local;

import io.rawpipeline.local.ObjectUploads;
import io.rawpipeline.local.S3Server;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
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

    private volatile boolean stopping;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path dataDir = local.dataDir("local");
        Files.createDirectories(dataDir.resolve("logs"));
        LogFile.redirectTo(dataDir.resolve("logs/pipeline.log"));
        boolean again = Files.exists(dataDir.resolve(LocalPipeline.WAREHOUSE_FILE));
        out.println((again ? "Starting the pipeline again" : "Starting the pipeline") + " (data in " + dataDir
                + ", logs in " + dataDir.resolve("logs") + ")");
        out.flush();
        LocalPipeline pipeline = LocalPipeline.start(dataDir, local.pluginPath(), line -> {
            out.println(line);
            out.flush();
        });
        Path inboxRoot = inboxDir != null ? inboxDir : dataDir.resolve("inbox");
        CountDownLatch watching = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
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
        }, "pipeline-local-stop"));

        try (ObjectUploads uploads = pipeline.uploads()) {
            Inbox inbox = new Inbox(inboxRoot, uploads, out);
            out.printf("%nRunning. Kafka at %s, schema registry at %s, Connect REST at %s, S3 at %s.%n",
                    pipeline.bootstrapServers(), pipeline.registryUrl(), pipeline.connectUrl(), pipeline.s3Endpoint());
            out.printf("Drop log files into %s/<route>/ (routes: %s); each lands in the warehouse %s.%n",
                    inboxRoot, String.join(", ", Inbox.FOLDERS.stream().map(Inbox.Folder::route).toList()),
                    pipeline.warehouseFile());
            out.printf("Pings: curl '%s?id=myserver&b=9.11.1&be=true&db=postgres&os=linux&uc=10&tc=1&auc=5&ut=0'%n",
                    pipeline.pingUrl());
            out.printf("Parse app: %s/healthz/ready, %s/metrics%n", pipeline.parseAppStatusUrl(),
                    pipeline.parseAppStatusUrl());
            out.printf("Backfill: AWS_ACCESS_KEY_ID=%s AWS_SECRET_ACCESS_KEY=%s ./pipeline backfill --source diagnostics "
                    + "--from … --to … --queue-url %s --s3-endpoint %s --sqs-endpoint %s%n", S3Server.ACCESS_KEY,
                    S3Server.SECRET_KEY, pipeline.queueUrl(), pipeline.s3Endpoint(), pipeline.sqsEndpoint());
            out.println("The warehouse sink holds the DuckDB file while it runs; Ctrl-C stops everything and shows "
                    + "what landed.");
            out.flush();
            while (!stopping) {
                inbox.uploadSettledFiles();
                Thread.sleep(1000);
            }
        } finally {
            watching.countDown();
        }
        return 0;
    }
}
