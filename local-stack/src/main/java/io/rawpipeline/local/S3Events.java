package io.rawpipeline.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;

/**
 * The JSON bodies S3 event notifications arrive in, field for field as AWS sends them: the event itself (straight
 * from S3 to SQS), the same event wrapped in an SNS notification (S3 to SNS to SQS), the EventBridge event (S3 to
 * EventBridge to SQS), and the {@code s3:TestEvent} S3 sends when a notification configuration is saved.
 */
public final class S3Events {

    public static final String ACCOUNT_ID = "123456789012";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter EVENT_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    /**
     * One {@code ObjectCreated:Put}. {@code key} is the plain object key (it is form-encoded on the way out),
     * {@code eTag} is unquoted, {@code versionId} is null for unversioned buckets.
     */
    public record ObjectCreated(String region, String bucket, String key, long size, String eTag, String versionId,
                                String sequencer, Instant eventTime) {
    }

    private S3Events() {
    }

    public static String objectCreated(ObjectCreated event) {
        ObjectNode record = JSON.createObjectNode()
                .put("eventVersion", "2.1")
                .put("eventSource", "aws:s3")
                .put("awsRegion", event.region())
                .put("eventTime", EVENT_TIME.format(event.eventTime()))
                .put("eventName", "ObjectCreated:Put");
        record.putObject("userIdentity").put("principalId", "AWS:AIDAEXAMPLEPRINCIPAL");
        record.putObject("requestParameters").put("sourceIPAddress", "127.0.0.1");
        record.putObject("responseElements")
                .put("x-amz-request-id", requestId())
                .put("x-amz-id-2", "local/" + UUID.randomUUID());
        ObjectNode s3 = record.putObject("s3")
                .put("s3SchemaVersion", "1.0")
                .put("configurationId", "local-notifications");
        ObjectNode bucket = s3.putObject("bucket").put("name", event.bucket());
        bucket.putObject("ownerIdentity").put("principalId", "AEXAMPLEOWNER");
        bucket.put("arn", "arn:aws:s3:::" + event.bucket());
        ObjectNode object = s3.putObject("object")
                .put("key", encodeKey(event.key()))
                .put("size", event.size())
                .put("eTag", event.eTag());
        if (event.versionId() != null) {
            object.put("versionId", event.versionId());
        }
        object.put("sequencer", event.sequencer());

        ObjectNode notification = JSON.createObjectNode();
        notification.putArray("Records").add(record);
        return write(notification);
    }

    /** {@code message} (an S3 event) as an SQS subscriber of an SNS topic receives it, without raw delivery. */
    public static String snsNotification(String region, String topicName, String message, Instant time) {
        String topicArn = "arn:aws:sns:%s:%s:%s".formatted(region, ACCOUNT_ID, topicName);
        String snsHost = "https://sns." + region + ".amazonaws.com";
        return write(JSON.createObjectNode()
                .put("Type", "Notification")
                .put("MessageId", UUID.randomUUID().toString())
                .put("TopicArn", topicArn)
                .put("Subject", "Amazon S3 Notification")
                .put("Message", message)
                .put("Timestamp", EVENT_TIME.format(time))
                .put("SignatureVersion", "1")
                .put("Signature", "bG9jYWwtc3RhY2sgZG9lcyBub3Qgc2lnbg==")
                .put("SigningCertURL", snsHost + "/SimpleNotificationService-local.pem")
                .put("UnsubscribeURL", snsHost + "/?Action=Unsubscribe&SubscriptionArn=" + topicArn + ":"
                        + UUID.randomUUID()));
    }

    /**
     * The same object as an EventBridge rule on the bucket's events hands it to an SQS target: {@code Object Created},
     * the object in {@code detail}, fields in kebab case. The key is form-encoded as in S3's own events.
     */
    public static String eventBridgeObjectCreated(ObjectCreated event) {
        ObjectNode root = JSON.createObjectNode()
                .put("version", "0")
                .put("id", UUID.randomUUID().toString())
                .put("detail-type", "Object Created")
                .put("source", "aws.s3")
                .put("account", ACCOUNT_ID)
                .put("time", EVENT_TIME.format(event.eventTime()))
                .put("region", event.region());
        root.putArray("resources").add("arn:aws:s3:::" + event.bucket());
        ObjectNode detail = root.putObject("detail").put("version", "0");
        detail.putObject("bucket").put("name", event.bucket());
        ObjectNode object = detail.putObject("object")
                .put("key", encodeKey(event.key()))
                .put("size", event.size())
                .put("etag", event.eTag());
        if (event.versionId() != null) {
            object.put("version-id", event.versionId());
        }
        object.put("sequencer", event.sequencer());
        detail.put("request-id", requestId())
                .put("requester", ACCOUNT_ID)
                .put("source-ip-address", "127.0.0.1")
                .put("reason", "PutObject");
        return write(root);
    }

    /** The body S3 sends once when a notification configuration is saved: no {@code Records}, nothing to read. */
    public static String testEvent(String bucket, Instant time) {
        return write(JSON.createObjectNode()
                .put("Service", "Amazon S3")
                .put("Event", "s3:TestEvent")
                .put("Time", EVENT_TIME.format(time))
                .put("Bucket", bucket)
                .put("RequestId", requestId())
                .put("HostId", "local/" + UUID.randomUUID()));
    }

    /**
     * The key as S3 writes it into events: form-encoded (a space becomes {@code +}, a {@code +} becomes
     * {@code %2B}, other reserved characters {@code %XX} of their UTF-8 bytes), with {@code /} left as is.
     * {@link java.net.URLDecoder} with UTF-8 gives the key back.
     */
    public static String encodeKey(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
    }

    private static String requestId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase(Locale.ROOT);
    }

    private static String write(ObjectNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot happen for a tree of strings and numbers", e);
        }
    }
}
