package io.rawpipeline.local.pipeline;

import io.rawpipeline.connect.s3.config.ReadingConfig;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code pipeline demo}: the whole pipeline on this machine, sample data of every source, what landed, stop. */
public final class Demo {

    /** How much the demo sends: objects per table fed from S3, good lines an object, pings, and how long to wait. */
    public record Load(int objects, int rows, int pings, Duration timeout) {
    }

    private Demo() {
    }

    public static void run(Path dataDir, Path pluginPath, Load size, PrintWriter out) throws Exception {
        LocalPipeline.deleteData(dataDir); // a demo starts empty, so its counts are its own
        Files.createDirectories(dataDir.resolve("logs"));
        LogFile.redirectTo(dataDir.resolve("logs/pipeline.log"));
        out.println("Starting the pipeline (data in " + dataDir + ", logs in " + dataDir.resolve("logs") + ")");
        out.flush();
        try (LocalPipeline pipeline = LocalPipeline.start(dataDir, pluginPath, line -> {
            out.println(line);
            out.flush();
        })) {
            SampleLoad load = SampleLoad.of("demo", size.objects(), size.rows(), size.pings());
            out.printf("Uploading %d objects with their notifications and sending %d pings to the gateway%n",
                    load.objects().size(), load.pings().size());
            out.flush();
            long began = System.nanoTime();
            load.send(pipeline);
            load.awaitLanded(pipeline, size.timeout(), line -> {
                out.println(line);
                out.flush();
            });
            double seconds = (System.nanoTime() - began) / 1e9;
            Map<String, Long> deadLetters = DeadLetters.countByTable(pipeline.bootstrapServers(),
                    pipeline.registryUrl(), pipeline.parseDeadLetterTopic(), pipeline.tablesBySource());
            Map<String, Long> errors = Landing.count(pipeline.bootstrapServers(),
                    List.of(ReadingConfig.DEFAULT_ERROR_TOPIC, LocalPipeline.SINK_DEAD_LETTER_TOPIC));
            long peakRss = Memory.peakRssBytes(ProcessHandle.current().pid())
                    + Memory.peakRssBytes(pipeline.registryPid());
            pipeline.stopConnectWorker(); // the sink lets go of the DuckDB file
            out.printf("Everything landed %.1f s after the first upload.%n%n", seconds);
            try (Warehouse warehouse = Warehouse.open(pipeline.warehouseFile())) {
                printTables(out, warehouse, load, deadLetters);
                String pingsFrom = "SELECT count(*) FROM TELEMETRY.SECURITY_PINGS WHERE SOURCE_FILE LIKE ";
                out.printf("(security pings: %s through the gateway, %s logged by CloudFront)%n",
                        warehouse.value(pingsFrom + "'kafka:%'"), warehouse.value(pingsFrom + "'s3:%'"));
            }
            out.printf("%nS3 source error records (objects that could not be read): %d%n",
                    errors.get(ReadingConfig.DEFAULT_ERROR_TOPIC));
            out.printf("Records the warehouse sink could not land (%s): %d%n", LocalPipeline.SINK_DEAD_LETTER_TOPIC,
                    errors.get(LocalPipeline.SINK_DEAD_LETTER_TOPIC));
            out.printf("Memory: %d MB peak RSS (this JVM and the registry process).%n", peakRss >> 20);
            out.printf("%nThe warehouse: %s%nTry: ./pipeline sql --data-dir %s \"SELECT status, count(*) FROM "
                    + "DIAGNOSTICS.LOG_ENTRIES GROUP BY ALL ORDER BY 2 DESC\"%n", pipeline.warehouseFile(),
                    pipeline.dataDir());
            out.println("Stopping.");
            out.flush();
        }
    }

    private static void printTables(PrintWriter out, Warehouse warehouse, SampleLoad load,
            Map<String, Long> deadLetters) throws Exception {
        Map<String, Long> rowCounts = warehouse.rowCounts();
        out.printf("%-34s %8s %13s %15s %15s%n", "RAW table", "rows", "dead letters", "freshness p50",
                "freshness p99");
        for (String topic : load.expectedRows().keySet()) {
            String table = topic.toUpperCase(Locale.ROOT);
            Warehouse.Freshness freshness = rowCounts.containsKey(table)
                    ? warehouse.freshness(table, load.notifiedAt()) : new Warehouse.Freshness(0, 0, 0);
            out.printf("%-34s %,8d %,13d %13.2f s %13.2f s%n", "RAW." + table, rowCounts.getOrDefault(table, 0L),
                    deadLetters.getOrDefault(topic, 0L), freshness.p50Millis() / 1000.0,
                    freshness.p99Millis() / 1000.0);
        }
    }
}
