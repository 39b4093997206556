package io.rawpipeline.local.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.rawpipeline.connect.s3.config.ReadingConfig;
import io.rawpipeline.local.ObjectUploads;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

/**
 * Objects uploaded, with their notifications, while nothing read the queue land after the next start on the same
 * data folder: the queue keeps the notifications on disk. Nothing is announced again at a start, so the objects that
 * had landed are not read twice, and an object no route takes is reported in the S3 source's error topic once.
 */
class QueuedNotificationsIT extends LocalPipelineTest {

    private static final Duration TIMEOUT = Duration.ofMinutes(4);
    // the licenses route takes *.csv and *.csv.gz keys only
    private static final String UNROUTED_BUCKET = "mattermost-license-exports";

    @Test
    void objectsQueuedBeforeAStopLandAfterTheNextStartAndNothingTwice() throws Exception {
        SampleLoad landed = SampleLoad.of("landed", 1, 200, 2);
        landed.send(pipeline);
        putUnrouted("before-the-stop.txt");
        landed.awaitLanded(pipeline, TIMEOUT, System.out::println);
        awaitReported("before-the-stop.txt");
        pipeline.stopConnectWorker();
        SampleLoad pending = SampleLoad.of("pending", 1, 150, 2);
        pending.send(pipeline);

        pipeline.close();
        pipeline = LocalPipeline.start(dataDir, Path.of(System.getProperty("rawpipeline.plugin.path")),
                System.out::println);
        pending.awaitLanded(pipeline, TIMEOUT, System.out::println);
        // queued after everything above: once it is reported, whatever a start had announced again would be too
        putUnrouted("after-the-start.txt");
        awaitReported("after-the-start.txt");
        assertThat(reportedKeys()).as("objects reported in %s", ReadingConfig.DEFAULT_ERROR_TOPIC)
                .containsExactlyInAnyOrder(uri("before-the-stop.txt"), uri("after-the-start.txt"));

        pipeline.stopConnectWorker();
        try (Warehouse warehouse = Warehouse.open(pipeline.warehouseFile())) {
            Map<String, Long> rows = warehouse.rowCounts();
            pending.expectedRows().forEach((topic, expected) -> {
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

    private static void putUnrouted(String key) {
        try (ObjectUploads uploads = pipeline.uploads()) {
            uploads.put(UNROUTED_BUCKET, key, "not a license export\n".getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String uri(String key) {
        return "s3://" + UNROUTED_BUCKET + "/" + key;
    }

    private static void awaitReported(String key) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!reportedKeys().contains(uri(key))) {
            assertThat(System.nanoTime()).as("%s reported before the timeout", key).isLessThan(deadline);
            Thread.sleep(500);
        }
    }

    /** The record keys of the S3 source's error topic: the object's URI for an object it could not take. */
    private static List<String> reportedKeys() {
        List<String> keys = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Landing.readerSettings(
                pipeline.bootstrapServers()), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            Landing.readToEnd(consumer, List.of(ReadingConfig.DEFAULT_ERROR_TOPIC),
                    record -> keys.add(record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8)));
        }
        return keys;
    }
}
