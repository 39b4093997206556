package io.rawpipeline.cli.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import io.rawpipeline.cli.backfill.BackfillCommand;
import io.rawpipeline.local.S3Server;
import io.rawpipeline.local.pipeline.Landing;
import io.rawpipeline.local.pipeline.LocalPipeline;
import io.rawpipeline.local.pipeline.LocalPipelineTest;
import io.rawpipeline.local.pipeline.Warehouse;
import io.rawpipeline.local.samples.CloudFrontLogGenerator;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** {@code pipeline backfill} on the demo's parts: objects put without notifications, announced by the backfill. */
class BackfillIT extends LocalPipelineTest {

    private static final String BUCKET = "mattermost-cloudfront-logs";
    private static final int ROWS = 400;
    private static final String RAW = "raw.diagnostics";
    private static final String TABLE = "diagnostics.log_entries";

    @BeforeAll
    static void useTheLocalKeys() {
        // the default credentials chain reads these; S3Proxy and ElasticMQ take the local keys
        System.setProperty("aws.accessKeyId", S3Server.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", S3Server.SECRET_KEY);
    }

    @Test
    void aBackfillLandsItsDaysSkipsWhatIsIngestedAndReadsItAgainWhenForced() throws Exception {
        try (S3Client s3 = pipeline.s3Client()) {
            put(s3, "security-update-check/E1BACKFILL.2024-01-01-10.a.gz", 1);
            put(s3, "security-update-check/E1BACKFILL.2024-01-02-23.b.gz", 2);
            put(s3, "security-update-check/E1BACKFILL.2024-01-05-10.c.gz", 3); // after the range
        }
        long linesInRange = 2L * (ROWS + CloudFrontLogGenerator.HEADER_LINES);

        Map<TopicPartition, Long> start = Landing.endOffsets(pipeline.bootstrapServers(), List.of(RAW, TABLE));
        assertThat(backfill("first")).isZero();
        Landing.await(pipeline.bootstrapServers(), Map.of(TABLE, 2L * ROWS), start, List.of(TABLE),
                LocalPipeline.SINK_GROUP, Duration.ofMinutes(2), line -> { });
        awaitQueueEmpty();
        assertThat(Landing.count(pipeline.bootstrapServers(), List.of(RAW))).containsEntry(RAW, linesInRange);

        assertThat(backfill("again")).as("announced again: the connector finds them ingested").isZero();
        awaitQueueEmpty();
        assertThat(Landing.count(pipeline.bootstrapServers(), List.of(RAW))).containsEntry(RAW, linesInRange);

        assertThat(backfill("forced", "--force")).isZero();
        awaitQueueEmpty();
        Landing.await(pipeline.bootstrapServers(), Map.of(RAW, 2 * linesInRange), Map.of(), List.of(),
                LocalPipeline.SINK_GROUP, Duration.ofMinutes(2), line -> { });
        Landing.await(pipeline.bootstrapServers(), Map.of(TABLE, 4L * ROWS), Map.of(), List.of(TABLE),
                LocalPipeline.SINK_GROUP, Duration.ofMinutes(2), line -> { });
        pipeline.stopConnectWorker();
        try (Warehouse warehouse = Warehouse.open(pipeline.warehouseFile())) {
            assertThat(warehouse.value("SELECT count(*) FROM DIAGNOSTICS.LOG_ENTRIES"))
                    .as("one row a line, the forced second reading upserted").isEqualTo(2L * ROWS);
            assertThat(warehouse.distinctLines("DIAGNOSTICS.LOG_ENTRIES")).isEqualTo(2L * ROWS);
            assertThat(warehouse.value("SELECT count(*) FROM DIAGNOSTICS.LOG_ENTRIES WHERE SOURCE_FILE LIKE '%.c.gz'"))
                    .as("the day after the range").isEqualTo(0L);
        } finally {
            pipeline.startConnectWorker();
        }
    }

    private int backfill(String run, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("--source", "diagnostics", "--from", "2024-01-01",
                "--to", "2024-01-02", "--queue-url", pipeline.queueUrl(), "--region", S3Server.REGION,
                "--s3-endpoint", pipeline.s3Endpoint().toString(), "--sqs-endpoint",
                pipeline.sqsEndpoint().toString(), "--objects-per-second", "50",
                "--state-dir", dataDir.resolve("backfill-" + run).toString(),
                "--bootstrap-servers", pipeline.bootstrapServers()));
        args.addAll(List.of(extra));
        StringWriter out = new StringWriter();
        CommandLine command = new CommandLine(new BackfillCommand());
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(out));
        int exit = command.execute(args.toArray(String[]::new));
        System.out.println(out);
        return exit;
    }

    /** Every notification read and deleted: the connector has committed what it read (or found nothing to read). */
    private static void awaitQueueEmpty() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        try (SqsClient sqs = pipeline.sqsClient()) {
            while (System.nanoTime() < deadline) {
                Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(r -> r.queueUrl(
                        pipeline.queueUrl()).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
                if (attributes.values().stream().allMatch("0"::equals)) {
                    Thread.sleep(1000); // the last deletion follows the last commit; let the commit be read
                    return;
                }
                Thread.sleep(200);
            }
        }
        throw new AssertionError("notifications still in the queue after 2 minutes");
    }

    private static void put(S3Client s3, String key, long seed) throws Exception {
        ByteArrayOutputStream gzip = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gzip)) {
            new CloudFrontLogGenerator(seed).write(out, ROWS);
        }
        s3.putObject(r -> r.bucket(BUCKET).key(key), RequestBody.fromBytes(gzip.toByteArray()));
    }
}
