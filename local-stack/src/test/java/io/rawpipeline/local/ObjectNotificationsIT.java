package io.rawpipeline.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

class ObjectNotificationsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "AWSLogs/cloudfront/E2ABC 2026-11-23+edge.gz";

    private static S3Server s3Server;
    private static SqsServer sqsServer;
    private static S3Client s3;
    private static SqsClient sqs;

    @BeforeAll
    static void start() throws Exception {
        s3Server = S3Server.start();
        sqsServer = SqsServer.start();
        s3 = s3Server.client();
        sqs = sqsServer.client();
    }

    @AfterAll
    static void stop() throws Exception {
        if (s3 != null) {
            s3.close();
            sqs.close();
        }
        if (sqsServer != null) {
            sqsServer.close();
        }
        if (s3Server != null) {
            s3Server.close();
        }
    }

    @Test
    void notifiesTheUploadWithTheKeyFormEncodedAsS3Does() throws Exception {
        s3Server.createBucket("plain-logs");
        SqsServer.Queue queue = sqsServer.createQueue("plain-events", 3, Duration.ofSeconds(30));
        byte[] gzip = gzip("#Version: 1.0\n#Fields: date time\n2026-11-23\t10:00:00\n");

        ObjectUploads.Upload upload;
        try (ObjectUploads uploads = new ObjectUploads(s3Server, sqsServer, queue.url())) {
            upload = uploads.put("plain-logs", KEY, gzip);
        }

        JsonNode record = JSON.readTree(receiveOne(queue.url()).body()).path("Records").get(0);
        assertThat(record.path("eventVersion").asText()).isEqualTo("2.1");
        assertThat(record.path("eventSource").asText()).isEqualTo("aws:s3");
        assertThat(record.path("awsRegion").asText()).isEqualTo("us-east-1");
        assertThat(record.path("eventName").asText()).isEqualTo("ObjectCreated:Put");
        assertThat(record.path("eventTime").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(record.at("/s3/bucket/name").asText()).isEqualTo("plain-logs");
        assertThat(record.at("/s3/bucket/arn").asText()).isEqualTo("arn:aws:s3:::plain-logs");
        String eventKey = record.at("/s3/object/key").asText();
        assertThat(eventKey).isEqualTo("AWSLogs/cloudfront/E2ABC+2026-11-23%2Bedge.gz");
        assertThat(URLDecoder.decode(eventKey, StandardCharsets.UTF_8)).isEqualTo(KEY);
        assertThat(record.at("/s3/object/size").asLong()).isEqualTo(gzip.length);
        assertThat(record.at("/s3/object/eTag").asText()).isEqualTo(upload.eTag()).doesNotContain("\"");
        assertThat(record.at("/s3/object/sequencer").asText()).matches("[0-9A-F]{18}");
        assertThat(record.at("/s3/object").has("versionId")).isFalse();

        ResponseBytes<GetObjectResponse> object = s3.getObjectAsBytes(b -> b
                .bucket(record.at("/s3/bucket/name").asText())
                .key(URLDecoder.decode(eventKey, StandardCharsets.UTF_8)));
        assertThat(object.asByteArray()).isEqualTo(gzip);
        assertThat(object.response().eTag()).isEqualTo('"' + upload.eTag() + '"');
    }

    @Test
    void wrapsTheEventInAnSnsNotificationAndCarriesTheVersionId() throws Exception {
        s3Server.createVersionedBucket("sns-logs");
        SqsServer.Queue queue = sqsServer.createQueue("sns-events", 3, Duration.ofSeconds(30));

        ObjectUploads.Upload upload;
        try (ObjectUploads uploads = new ObjectUploads(s3Server, sqsServer, queue.url())) {
            upload = uploads.put("sns-logs", KEY, gzip("a line\n"), ObjectUploads.Envelope.SNS);
        }

        JsonNode notification = JSON.readTree(receiveOne(queue.url()).body());
        assertThat(notification.path("Type").asText()).isEqualTo("Notification");
        assertThat(notification.path("TopicArn").asText()).isEqualTo("arn:aws:sns:us-east-1:123456789012:object-created");
        assertThat(notification.path("Message").isTextual()).isTrue();
        JsonNode object = JSON.readTree(notification.path("Message").asText()).at("/Records/0/s3/object");
        assertThat(upload.versionId()).isNotBlank();
        assertThat(object.path("versionId").asText()).isEqualTo(upload.versionId());
        assertThat(URLDecoder.decode(object.path("key").asText(), StandardCharsets.UTF_8)).isEqualTo(KEY);
    }

    @Test
    void sendsTheTestEventWithoutRecords() throws Exception {
        SqsServer.Queue queue = sqsServer.createQueue("test-events", 3, Duration.ofSeconds(30));
        try (ObjectUploads uploads = new ObjectUploads(s3Server, sqsServer, queue.url())) {
            uploads.sendTestEvent("any-bucket");
        }

        JsonNode body = JSON.readTree(receiveOne(queue.url()).body());
        assertThat(body.path("Event").asText()).isEqualTo("s3:TestEvent");
        assertThat(body.path("Service").asText()).isEqualTo("Amazon S3");
        assertThat(body.has("Records")).isFalse();
    }

    @Test
    void movesAMessageReceivedTooOftenToTheDeadLetterQueue() throws Exception {
        SqsServer.Queue queue = sqsServer.createQueue("redriven-events", 1, Duration.ofSeconds(1));
        sqs.sendMessage(b -> b.queueUrl(queue.url()).messageBody("not an S3 event"));

        receiveOne(queue.url()); // not deleted: it becomes visible again after the visibility timeout
        Thread.sleep(1_200);
        List<Message> again = sqs.receiveMessage(b -> b.queueUrl(queue.url()).waitTimeSeconds(1)).messages();

        assertThat(again).isEmpty();
        assertThat(receiveOne(queue.deadLetterQueueUrl()).body()).isEqualTo("not an S3 event");
    }

    @Test
    void answersAccessDeniedForAnObjectMadeUnreadable() {
        s3Server.createBucket("denied-logs");
        s3.putObject(b -> b.bucket("denied-logs").key(KEY), RequestBody.fromString("secret"));
        s3Server.denyReads("denied-logs", KEY);

        assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket("denied-logs").key(KEY)))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(403);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                });
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket("denied-logs").key(KEY)))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));

        s3Server.allowReads("denied-logs", KEY);
        assertThat(s3.getObjectAsBytes(b -> b.bucket("denied-logs").key(KEY)).asUtf8String()).isEqualTo("secret");
    }

    @Test
    void rejectsRequestsSignedWithOtherCredentials() {
        s3Server.createBucket("guarded-logs");
        try (S3Client unknownKey = s3Server.client("someone-else", S3Server.SECRET_KEY);
             S3Client wrongSecret = s3Server.client(S3Server.ACCESS_KEY, "wrong-secret")) {
            assertThatThrownBy(() -> unknownKey.listObjectsV2(b -> b.bucket("guarded-logs")))
                    .isInstanceOfSatisfying(S3Exception.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidAccessKeyId");
                    });
            assertThatThrownBy(() -> wrongSecret.listObjectsV2(b -> b.bucket("guarded-logs")))
                    .isInstanceOfSatisfying(S3Exception.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
                    });
        }
    }

    @Test
    void acceptsTheSdkDefaultFlexibleChecksums() {
        s3Server.createBucket("checksummed-logs");
        try (S3Client defaults = S3Client.builder()
                .endpointOverride(s3Server.endpoint())
                .forcePathStyle(true)
                .region(Region.of(s3Server.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(s3Server.accessKey(), s3Server.secretKey())))
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            defaults.putObject(b -> b.bucket("checksummed-logs").key(KEY), RequestBody.fromString("checked"));

            assertThat(defaults.getObjectAsBytes(b -> b.bucket("checksummed-logs").key(KEY)).asUtf8String())
                    .isEqualTo("checked");
        }
    }

    private static Message receiveOne(String queueUrl) {
        List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(5)).messages();
        assertThat(messages).hasSize(1);
        return messages.get(0);
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
