package io.rawpipeline.connect.s3.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an SQS message body as an S3 event notification, sent straight from S3, wrapped by SNS, or as the event
 * EventBridge delivers to an SQS target. Plain Java, no AWS or Kafka types: a body in, a {@link Notification} out,
 * never an exception.
 */
public final class S3EventParser {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OBJECT_CREATED = "ObjectCreated:";
    private static final String EVENTBRIDGE_SOURCE = "aws.s3";
    private static final String EVENTBRIDGE_OBJECT_CREATED = "Object Created";
    /** A top-level field only the pipeline's backfill writes: read the objects again even if already ingested. */
    public static final String REINGEST_FIELD = "rawpipelineReingest";

    public Notification parse(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return new Notification.NotAnEvent("the message body is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            return new Notification.NotAnEvent("the message body is not a JSON object");
        }
        if ("Notification".equals(root.path("Type").asText()) && root.path("Message").isTextual()) {
            return parse(root.path("Message").asText());
        }
        if ("s3:TestEvent".equals(root.path("Event").asText())) {
            return new Notification.TestEvent();
        }
        if (EVENTBRIDGE_SOURCE.equals(root.path("source").asText()) && root.path("detail-type").isTextual()) {
            return eventBridge(root);
        }
        JsonNode records = root.path("Records");
        if (!records.isArray() || records.isEmpty()) {
            return new Notification.NotAnEvent("the message has no S3 event Records");
        }
        List<ObjectCreated> created = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (JsonNode record : records) {
            String eventName = record.path("eventName").asText();
            if (!"aws:s3".equals(record.path("eventSource").asText())) {
                return new Notification.NotAnEvent("a record's eventSource is '"
                        + record.path("eventSource").asText() + "', not aws:s3");
            }
            if (!eventName.startsWith(OBJECT_CREATED)) {
                others.add(eventName);
                continue;
            }
            String bucket = record.path("s3").path("bucket").path("name").asText("");
            String key = record.path("s3").path("object").path("key").asText("");
            if (bucket.isEmpty() || key.isEmpty()) {
                return new Notification.NotAnEvent("an " + eventName + " record has no bucket name or object key");
            }
            JsonNode object = record.path("s3").path("object");
            try {
                created.add(new ObjectCreated(bucket, URLDecoder.decode(key, StandardCharsets.UTF_8),
                        object.path("eTag").asText(null), textOrNull(object.path("versionId")),
                        object.path("size").asLong(-1), record.path("eventTime").asText(null)));
            } catch (IllegalArgumentException e) {
                return badKey(key);
            }
        }
        return created.isEmpty() ? new Notification.OtherEvents(others)
                : new Notification.ObjectsCreated(created, root.path(REINGEST_FIELD).asBoolean(false));
    }

    /**
     * A bucket that sends its events to EventBridge, with a rule whose target is the queue: one object per event,
     * its fields in {@code detail}, named in kebab case. The key is decoded as in S3's own events.
     */
    private static Notification eventBridge(JsonNode root) {
        String detailType = root.path("detail-type").asText();
        if (!EVENTBRIDGE_OBJECT_CREATED.equals(detailType)) {
            return new Notification.OtherEvents(List.of(detailType));
        }
        JsonNode detail = root.path("detail");
        String bucket = detail.path("bucket").path("name").asText("");
        String key = detail.path("object").path("key").asText("");
        if (bucket.isEmpty() || key.isEmpty()) {
            return new Notification.NotAnEvent("an EventBridge " + detailType + " event has no bucket name or "
                    + "object key");
        }
        JsonNode object = detail.path("object");
        try {
            return new Notification.ObjectsCreated(List.of(new ObjectCreated(bucket,
                    URLDecoder.decode(key, StandardCharsets.UTF_8), object.path("etag").asText(null),
                    textOrNull(object.path("version-id")), object.path("size").asLong(-1),
                    root.path("time").asText(null))), root.path(REINGEST_FIELD).asBoolean(false));
        } catch (IllegalArgumentException e) {
            return badKey(key);
        }
    }

    private static Notification badKey(String key) {
        return new Notification.NotAnEvent("object key '" + key + "' has bad percent-encoding");
    }

    private static String textOrNull(JsonNode node) {
        return node.isTextual() && !node.asText().isEmpty() ? node.asText() : null;
    }
}
