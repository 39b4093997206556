package io.rawpipeline.connect.warehouse.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * The RECORD_METADATA column, shaped like the Snowflake connector's so that models read the same fields: topic,
 * partition, offset, CreateTime (or LogAppendTime), SnowflakeConnectorPushTime, key and headers. Topic, partition
 * and offset are where the record is in Kafka (before any transformation renamed it), so a row can be traced back
 * and replayed; the push time is when the connector handed the row to the warehouse, so freshness can be measured.
 */
public final class RecordMetadata {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private RecordMetadata() {
    }

    public static String of(SinkRecord record, long pushTime) {
        ObjectNode metadata = NODES.objectNode();
        metadata.put("topic", record.originalTopic());
        metadata.put("partition", record.originalKafkaPartition());
        metadata.put("offset", record.originalKafkaOffset());
        if (record.timestamp() != null && record.timestampType() != TimestampType.NO_TIMESTAMP_TYPE) {
            metadata.put(record.timestampType() == TimestampType.LOG_APPEND_TIME ? "LogAppendTime" : "CreateTime",
                    record.timestamp());
        }
        metadata.put("SnowflakeConnectorPushTime", pushTime);
        if (record.key() != null) {
            metadata.set("key", json(record.key()));
        }
        ObjectNode headers = NODES.objectNode();
        for (Header header : record.headers()) {
            headers.set(header.key(), json(header.value())); // a repeated header keeps its last value, as in Snowflake
        }
        if (!headers.isEmpty()) {
            metadata.set("headers", headers);
        }
        try {
            return JSON.writeValueAsString(metadata);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    /** Connect's data as JSON: structs and maps as objects, bytes as base64, dates as epoch millis. */
    private static JsonNode json(Object value) {
        if (value instanceof Struct struct) {
            ObjectNode object = NODES.objectNode();
            for (Field field : struct.schema().fields()) {
                object.set(field.name(), json(struct.get(field)));
            }
            return object;
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = NODES.objectNode();
            map.forEach((k, v) -> object.set(String.valueOf(k), json(v)));
            return object;
        }
        if (value instanceof List<?> list) {
            ArrayNode array = NODES.arrayNode();
            list.forEach(element -> array.add(json(element)));
            return array;
        }
        if (value instanceof ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            return NODES.binaryNode(bytes);
        }
        if (value instanceof java.util.Date date) {
            return NODES.numberNode(date.getTime());
        }
        return JSON.valueToTree(value); // null, strings, numbers, booleans, byte[], BigDecimal
    }
}
