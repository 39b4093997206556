package io.rawpipeline.connect.s3.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rawpipeline.connect.s3.notification.ObjectCreated;
import io.rawpipeline.connect.s3.notification.QueuedMessage;
import io.rawpipeline.connect.s3.offset.ObjectOffset;
import io.rawpipeline.formats.RawLineHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Error records: a JSON object with the stage, the reason, the object or message concerned and how far reading got.
 * Nothing the connector cannot read disappears without one.
 */
public final class ErrorRecords {

    public static final String STAGE = "s3-source";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String topic;

    public ErrorRecords(String topic) {
        this.topic = topic;
    }

    /** A message that is not an S3 event; its body is kept. */
    public SourceRecord notAnEvent(QueuedMessage message, String reason, long now) {
        ObjectNode value = base(reason, now, message);
        value.put("body", message.body());
        return record(null, null, "sqs:" + message.id(), value, now);
    }

    /**
     * An object that could not be read to its end. With {@code offset}, the record also settles the object, so a
     * redelivered notification does not read it again.
     */
    public SourceRecord object(ObjectCreated object, QueuedMessage message, String reason, long lastLineEmitted,
                               ObjectOffset offset, long now) {
        return objectRecord(objectValue(object, message, reason, lastLineEmitted, now), object, offset, now);
    }

    /** A line longer than the limit: its start is kept here instead of in the raw topic, where it would mislead. */
    public SourceRecord cutLine(ObjectCreated object, QueuedMessage message, long line, byte[] start,
                                ObjectOffset offset, long now) {
        ObjectNode value = objectValue(object, message, "line " + line + " is longer than " + start.length
                + " bytes; its first " + start.length + " bytes are in line_start", line - 1, now);
        value.put("line", line);
        value.put("line_start", new String(start, StandardCharsets.UTF_8));
        return objectRecord(value, object, offset, now);
    }

    private static ObjectNode objectValue(ObjectCreated object, QueuedMessage message, String reason,
                                          long lastLineEmitted, long now) {
        ObjectNode value = base(reason, now, message);
        value.put("object", object.uri());
        value.put("bucket", object.bucket());
        value.put("key", object.key());
        value.put("etag", object.eTag());
        value.put("version_id", object.versionId());
        value.put("event_time", object.eventTime());
        value.put("last_line_emitted", lastLineEmitted);
        return value;
    }

    private SourceRecord objectRecord(ObjectNode value, ObjectCreated object, ObjectOffset offset, long now) {
        return record(offset == null ? null : ObjectOffset.partition(object.bucket(), object.key()),
                offset == null ? null : offset.toMap(), object.uri(), value, now);
    }

    private static ObjectNode base(String reason, long now, QueuedMessage message) {
        ObjectNode value = JSON.createObjectNode();
        value.put("stage", STAGE);
        value.put("reason", reason);
        value.put("reported_at", Instant.ofEpochMilli(now).toString());
        value.put("message_id", message.id());
        value.put("receive_count", message.receiveCount());
        return value;
    }

    private SourceRecord record(Map<String, ?> partition, Map<String, ?> offset, String key, ObjectNode value,
                                long now) {
        ConnectHeaders headers = new ConnectHeaders();
        if (value.hasNonNull("object")) {
            headers.addString(RawLineHeaders.SOURCE_FILE, value.get("object").asText());
        }
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            bytes = value.toString().getBytes(StandardCharsets.UTF_8);
        }
        return new SourceRecord(partition, offset, topic, null, Schema.STRING_SCHEMA, key, Schema.BYTES_SCHEMA,
                bytes, now, headers);
    }
}
