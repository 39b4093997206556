package io.rawpipeline.connect.s3;

import static io.rawpipeline.connect.s3.S3SourceHarness.ALB_BUCKET;
import static io.rawpipeline.connect.s3.S3SourceHarness.CLOUDFRONT_BUCKET;
import static io.rawpipeline.connect.s3.S3SourceHarness.ERROR_TOPIC;
import static io.rawpipeline.connect.s3.S3SourceHarness.LICENSE_BUCKET;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rawpipeline.connect.s3.record.ObjectHeaders;
import io.rawpipeline.formats.RawLineHeaders;
import io.rawpipeline.local.ObjectUploads;
import io.rawpipeline.local.S3Events;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import javax.management.ObjectName;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Objects written to a real S3-compatible store, announced on a real SQS-compatible queue, read by a real Connect
 * worker with exactly-once source support. The test that leaves a message to SQS's redelivery runs last, as the
 * others check that the queue empties.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class S3SourceIT {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final String FIELDS = "#Fields: date time sc-bytes cs-uri-stem sc-status";
    static final ObjectMapper JSON = new ObjectMapper();

    static S3SourceHarness harness;

    @BeforeAll
    static void start() throws Exception {
        harness = S3SourceHarness.start();
        harness.deploy(Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void objectsOfEverySourceLandLineByLineWithTheirHeaders() throws Exception {
        double linesBefore = readingMetric("lines-read-total");
        double objectsBefore = readingMetric("objects-read-total");
        String run = UUID.randomUUID().toString();
        String cloudfront = "#Version: 1.0\n" + FIELDS + "\n2024-05-01\t10:00:00\t1\t/security\t200\n"
                + "2024-05-01\t10:00:01\t2\t/security\t200\n2024-05-01\t10:00:02\t3\t/security\t304\n";
        ObjectUploads.Upload diagnostics = harness.uploads.put(CLOUDFRONT_BUCKET,
                "security-update-check/E1 " + run + ".2024-05-01-10.gz", gzip(cloudfront));
        ObjectUploads.Upload releases = harness.uploads.put(CLOUDFRONT_BUCKET, "releases/E2." + run + ".log",
                cloudfront.getBytes(StandardCharsets.UTF_8), ObjectUploads.Envelope.SNS);
        String alb = "http 2024-05-01T10:00:00.000000Z app/push/1 1.2.3.4:5 - -1 -1 -1 460 - 34 0 \"GET / HTTP/1.1\"\n";
        ObjectUploads.Upload us = harness.uploads.put(ALB_BUCKET,
                "AWSLogs/123456789012/elasticloadbalancing/us-east-1/2024/05/01/" + run + ".log.gz", gzip(alb + alb));
        ObjectUploads.Upload eu = harness.uploads.put(ALB_BUCKET,
                "AWSLogs/123456789012/elasticloadbalancing/eu-west-1/2024/05/01/" + run + ".log.gz", gzip(alb));
        ObjectUploads.Upload licenses = harness.uploads.put(LICENSE_BUCKET, run + ".csv",
                "licenseid,company\r\nl1,\"Two\r\nLines\"\r\nl2,Plain\r\n".getBytes(StandardCharsets.UTF_8));

        List<ConsumerRecord<byte[], byte[]>> diagnosticLines = lines("raw.diagnostics", diagnostics, 5);
        List<ConsumerRecord<byte[], byte[]>> releaseLines = lines("raw.releases", releases, 5);
        List<ConsumerRecord<byte[], byte[]>> albLines = harness.committed("raw.push-proxy",
                Set.of(uri(us), uri(eu)), 3, WAIT);
        List<ConsumerRecord<byte[], byte[]>> licenseLines = lines("raw.licenses", licenses, 3);

        assertThat(diagnosticLines).extracting(r -> header(r, RawLineHeaders.SOURCE_LINE))
                .containsExactly("1", "2", "3", "4", "5");
        assertThat(diagnosticLines).extracting(r -> header(r, RawLineHeaders.COLUMNS))
                .containsExactly(null, null, FIELDS, FIELDS, FIELDS);
        assertThat(text(diagnosticLines.get(2))).isEqualTo("2024-05-01\t10:00:00\t1\t/security\t200");
        ConsumerRecord<byte[], byte[]> first = diagnosticLines.get(0);
        assertThat(new String(first.key(), StandardCharsets.UTF_8)).isEqualTo(uri(diagnostics));
        assertThat(header(first, RawLineHeaders.SOURCE_FILE)).isEqualTo(uri(diagnostics));
        assertThat(header(first, ObjectHeaders.KEY)).isEqualTo(diagnostics.key());
        assertThat(header(first, ObjectHeaders.ETAG)).isEqualTo(diagnostics.eTag());
        assertThat(header(first, RawLineHeaders.INGESTED_AT)).matches("[0-9]{13}");
        assertThat(releaseLines).extracting(S3SourceIT::text).isEqualTo(Arrays.asList(cloudfront.split("\n")));
        assertThat(albLines).extracting(r -> header(r, RawLineHeaders.TABLE)).containsExactlyInAnyOrder(
                "push_proxy.logs_us_new", "push_proxy.logs_us_new", "push_proxy.logs_eu_new");
        assertThat(licenseLines).extracting(S3SourceIT::text)
                .containsExactly("licenseid,company", "l1,\"Two\r\nLines\"", "l2,Plain");
        assertThat(licenseLines).extracting(r -> header(r, RawLineHeaders.SOURCE_LINE)).containsExactly("1", "2", "4");
        assertThat(licenseLines).extracting(r -> header(r, RawLineHeaders.COLUMNS))
                .containsExactly(null, "licenseid,company", "licenseid,company");
        assertThat(readingMetric("lines-read-total") - linesBefore).as("lines counted in the task's metrics")
                .isGreaterThanOrEqualTo(5 + 5 + 3 + 3);
        assertThat(readingMetric("objects-read-total") - objectsBefore).as("objects counted")
                .isGreaterThanOrEqualTo(5);
        assertThat(readingMetric("bytes-read-total")).isPositive();
        assertThat(readingMetric("notifications-waiting")).as("the queue's depth, asked at the task's first poll")
                .isNotNegative();
    }

    /** One of the task's plugin metrics (Connect's group "plugins"), as JMX shows it. */
    private static double readingMetric(String name) throws Exception {
        return ((Number) ManagementFactory.getPlatformMBeanServer().getAttribute(new ObjectName(
                "kafka.connect:type=plugins,connector=" + S3SourceHarness.CONNECTOR + ",task=0"), name)).doubleValue();
    }

    @Test
    void aRepeatedNotificationEmitsNothingAndTestEventsAreIgnored() {
        String run = UUID.randomUUID().toString();
        ObjectUploads.Upload once = harness.uploads.put(CLOUDFRONT_BUCKET, "releases/" + run + ".gz",
                gzip(FIELDS + "\n2024-05-01\t10:00:00\t1\t/download\t200\n"));
        lines("raw.releases", once, 2);

        harness.sqs.client().sendMessage(b -> b.queueUrl(harness.queue.url()).messageBody(once.notification()));
        harness.uploads.sendTestEvent(CLOUDFRONT_BUCKET);
        ObjectUploads.Upload marker = harness.uploads.put(CLOUDFRONT_BUCKET, "releases/" + run + ".marker.gz",
                gzip(FIELDS + "\n"));
        lines("raw.releases", marker, 1);

        assertThat(lines("raw.releases", once, 2)).hasSize(2);
        Awaitility.await().atMost(WAIT).untilAsserted(() -> assertThat(messagesLeft()).isZero());
    }

    @Test
    void badInputIsReportedAndTheNextObjectStillLands() throws Exception {
        String run = UUID.randomUUID().toString();
        byte[] good = gzip(FIELDS + "\n" + "2024-05-01\t10:00:00\t1\t/security\t200\n".repeat(20_000));
        ObjectUploads.Upload corrupt = harness.uploads.put(CLOUDFRONT_BUCKET, "security-update-check/" + run + ".corrupt.gz",
                new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
        ObjectUploads.Upload truncated = harness.uploads.put(CLOUDFRONT_BUCKET,
                "security-update-check/" + run + ".truncated.gz", Arrays.copyOf(good, good.length / 2));
        String goneKey = "security-update-check/" + run + ".gone.gz";
        harness.s3.client().putObject(b -> b.bucket(CLOUDFRONT_BUCKET).key(goneKey),
                software.amazon.awssdk.core.sync.RequestBody.fromBytes(good));
        harness.s3.client().deleteObject(b -> b.bucket(CLOUDFRONT_BUCKET).key(goneKey));
        harness.sqs.client().sendMessage(b -> b.queueUrl(harness.queue.url()).messageBody(S3Events.objectCreated(
                new S3Events.ObjectCreated("us-east-1", CLOUDFRONT_BUCKET, goneKey, good.length, "0123", null,
                        "0001", Instant.now()))));
        harness.sqs.client().sendMessage(b -> b.queueUrl(harness.queue.url()).messageBody("not an event " + run));
        ObjectUploads.Upload unrouted = harness.uploads.put(CLOUDFRONT_BUCKET, "elsewhere/" + run + ".gz", good);
        ObjectUploads.Upload next = harness.uploads.put(CLOUDFRONT_BUCKET, "security-update-check/" + run + ".next.gz",
                good);

        assertThat(lines("raw.diagnostics", next, 20_001)).hasSize(20_001);
        List<JsonNode> reports = harness.committed(ERROR_TOPIC, Set.of(uri(corrupt), uri(truncated),
                        "s3://" + CLOUDFRONT_BUCKET + "/" + goneKey, uri(unrouted)), 4, WAIT).stream()
                .map(S3SourceIT::json).toList();
        Map<String, String> reasons = reports.stream()
                .collect(Collectors.toMap(r -> r.path("object").asText(), r -> r.path("reason").asText()));
        assertThat(reasons.get(uri(corrupt))).startsWith("the object is corrupt or truncated before its first line");
        assertThat(reasons.get(uri(truncated))).startsWith("the object is corrupt or truncated after line");
        assertThat(reasons.get("s3://" + CLOUDFRONT_BUCKET + "/" + goneKey)).startsWith("the object no longer exists");
        assertThat(reasons.get(uri(unrouted))).startsWith("no route takes this object");
        JsonNode truncatedReport = reports.stream().filter(r -> r.path("object").asText().equals(uri(truncated)))
                .findFirst().orElseThrow();
        long emitted = truncatedReport.path("last_line_emitted").asLong();
        assertThat(emitted).isPositive().isLessThan(20_001);
        assertThat(lines("raw.diagnostics", truncated, (int) emitted)).hasSize((int) emitted);
        assertThat(harness.committed(ERROR_TOPIC, r -> text(r).contains("not an event " + run), 1, WAIT))
                .singleElement().satisfies(r -> assertThat(json(r).path("reason").asText())
                        .startsWith("the message body is not JSON"));
        Awaitility.await().atMost(WAIT).untilAsserted(() -> assertThat(messagesLeft()).isZero());
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void anObjectThatCannotBeReadYetIsRetriedThenLeftInTheDeadLetterQueue() {
        String run = UUID.randomUUID().toString();
        String key = "security-update-check/" + run + ".denied.gz";
        harness.s3.denyReads(CLOUDFRONT_BUCKET, key);
        ObjectUploads.Upload denied = harness.uploads.put(CLOUDFRONT_BUCKET, key, gzip(FIELDS + "\n"));

        List<ConsumerRecord<byte[], byte[]>> reports = harness.committed(ERROR_TOPIC, Set.of(uri(denied)),
                S3SourceHarness.MAX_RECEIVES, Duration.ofSeconds(90));

        assertThat(reports).hasSize(S3SourceHarness.MAX_RECEIVES);
        assertThat(json(reports.get(0)).path("reason").asText()).contains("403");
        Awaitility.await().atMost(WAIT).untilAsserted(() -> assertThat(harness.sqs.client()
                .receiveMessage(b -> b.queueUrl(harness.queue.deadLetterQueueUrl()).waitTimeSeconds(1))
                .messages()).anySatisfy(m -> assertThat(m.body()).contains(run)));
    }

    private static List<ConsumerRecord<byte[], byte[]>> lines(String topic, ObjectUploads.Upload upload, int expected) {
        return harness.committed(topic, Set.of(uri(upload)), expected, WAIT);
    }

    private static int messagesLeft() {
        Map<String, String> attributes = harness.sqs.client().getQueueAttributes(b -> b.queueUrl(harness.queue.url())
                .attributeNamesWithStrings("ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"))
                .attributesAsStrings();
        return Integer.parseInt(attributes.get("ApproximateNumberOfMessages"))
                + Integer.parseInt(attributes.get("ApproximateNumberOfMessagesNotVisible"));
    }

    static String uri(ObjectUploads.Upload upload) {
        return "s3://" + upload.bucket() + "/" + upload.key();
    }

    static String text(ConsumerRecord<byte[], byte[]> record) {
        return new String(record.value(), StandardCharsets.UTF_8);
    }

    static String header(ConsumerRecord<byte[], byte[]> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    static JsonNode json(ConsumerRecord<byte[], byte[]> record) {
        try {
            return JSON.readTree(record.value());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] gzip(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
