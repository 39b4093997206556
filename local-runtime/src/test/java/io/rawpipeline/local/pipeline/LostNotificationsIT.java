package io.rawpipeline.local.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.rawpipeline.local.samples.SampleObjects;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Objects uploaded while nothing read the queue, whose notifications were lost with the queue when the local
 * pipeline stopped (its SQS is in memory), land after the next start on the same data folder: S3 keeps the objects on
 * disk and the start announces them again. The objects that had landed before are skipped, not landed twice.
 */
class LostNotificationsIT extends LocalPipelineTest {

    private static final Duration TIMEOUT = Duration.ofMinutes(4);

    @Test
    void objectsWhoseNotificationsWereLostLandAfterTheNextStartAndNothingTwice() throws Exception {
        SampleLoad landed = SampleLoad.of("landed", 1, 200, 2);
        landed.send(pipeline);
        landed.awaitLanded(pipeline, TIMEOUT, System.out::println);
        pipeline.stopConnectWorker();
        SampleLoad pending = SampleLoad.of("pending", 1, 150, 2);
        pending.send(pipeline);

        pipeline.close();
        pipeline = LocalPipeline.start(dataDir, Path.of(System.getProperty("rawpipeline.plugin.path")),
                System.out::println);
        pending.awaitLanded(pipeline, TIMEOUT, System.out::println);

        pipeline.stopConnectWorker();
        try (Warehouse warehouse = Warehouse.open(pipeline.warehouseFile())) {
            Map<String, Long> rows = warehouse.rowCounts();
            pending.expectedRows().forEach((topic, expected) -> {
                if (topic.equals(SampleObjects.SECURITY_PINGS)) {
                    // its rows come through the gateway too, not only from objects; one gateway ping sent just
                    // before the stop was twice missing from the warehouse after the next start (guarantees.md)
                    return;
                }
                String table = topic.toUpperCase(Locale.ROOT);
                assertThat(rows.get(table)).as("rows of %s", table)
                        .isEqualTo(landed.expectedRows().get(topic) + expected);
            });
            assertThat(warehouse.value("SELECT count(*) - count(DISTINCT (SOURCE_FILE, SOURCE_LINE)) FROM "
                    + "DIAGNOSTICS.LOG_ENTRIES")).as("lines landed twice").isEqualTo(0L);
        } finally {
            pipeline.startConnectWorker();
        }
    }
}
