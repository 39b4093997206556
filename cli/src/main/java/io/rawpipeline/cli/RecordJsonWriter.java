package io.rawpipeline.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.IndexedRecord;

/**
 * Writes any Avro record as one JSON object per line, keys and order taken from its schema. Values keep their JSON
 * type (numbers, booleans, null, maps as objects); timestamps become ISO-8601 strings. {@code ingested_at} is left
 * out: it is the time of this run, so it would only make two runs over the same file differ.
 */
public final class RecordJsonWriter {

    static final String LEFT_OUT_FIELD = "ingested_at";

    private final JsonGenerator json;
    private Schema schema;
    private Schema.Field[] fields;
    private SerializableString[] keys;

    public RecordJsonWriter(JsonGenerator json) {
        this.json = json;
    }

    public void write(IndexedRecord record) throws IOException {
        if (record.getSchema() != schema) {
            prepare(record.getSchema());
        }
        json.writeStartObject();
        for (int i = 0; i < fields.length; i++) {
            json.writeFieldName(keys[i]);
            writeValue(fields[i].schema(), record.get(fields[i].pos()));
        }
        json.writeEndObject();
        json.writeRaw('\n');
    }

    /** Field names are encoded once per schema, not once per record. */
    private void prepare(Schema recordSchema) {
        List<Schema.Field> kept = recordSchema.getFields().stream()
                .filter(field -> !field.name().equals(LEFT_OUT_FIELD))
                .toList();
        schema = recordSchema;
        fields = kept.toArray(Schema.Field[]::new);
        keys = kept.stream().map(field -> new SerializedString(field.name())).toArray(SerializableString[]::new);
    }

    private void writeValue(Schema valueSchema, Object value) throws IOException {
        if (value == null) {
            json.writeNull();
        } else if (valueSchema.getType() == Schema.Type.UNION) {
            writeValue(branchOf(valueSchema, value), value);
        } else if (value instanceof CharSequence || value instanceof GenericContainer && !(value instanceof IndexedRecord)) {
            json.writeString(value.toString()); // strings, Utf8, enum symbols, fixed
        } else if (value instanceof Instant instant) {
            json.writeString(instant.toString());
        } else if (value instanceof Long number && valueSchema.getLogicalType() instanceof LogicalTypes.TimestampMillis) {
            json.writeString(Instant.ofEpochMilli(number).toString());
        } else if (value instanceof Long number) {
            json.writeNumber(number);
        } else if (value instanceof Integer number) {
            json.writeNumber(number);
        } else if (value instanceof Double number) {
            json.writeNumber(number);
        } else if (value instanceof Float number) {
            json.writeNumber(number);
        } else if (value instanceof Boolean bool) {
            json.writeBoolean(bool);
        } else if (value instanceof Map<?, ?> map) {
            json.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                json.writeFieldName(entry.getKey().toString());
                writeValue(valueSchema.getValueType(), entry.getValue());
            }
            json.writeEndObject();
        } else if (value instanceof Collection<?> items) {
            json.writeStartArray();
            for (Object item : items) {
                writeValue(valueSchema.getElementType(), item);
            }
            json.writeEndArray();
        } else if (value instanceof ByteBuffer bytes) {
            byte[] copy = new byte[bytes.remaining()];
            bytes.duplicate().get(copy);
            json.writeBinary(copy);
        } else if (value instanceof IndexedRecord nested) {
            json.writeStartObject();
            for (Schema.Field field : nested.getSchema().getFields()) {
                json.writeFieldName(field.name());
                writeValue(field.schema(), nested.get(field.pos()));
            }
            json.writeEndObject();
        } else {
            json.writeString(value.toString());
        }
    }

    /** The non-null branch of a nullable union; RAW schemas have no other unions. */
    private static Schema branchOf(Schema union, Object value) {
        for (Schema branch : union.getTypes()) {
            if (branch.getType() != Schema.Type.NULL) {
                return branch;
            }
        }
        throw new IllegalStateException("union without a non-null branch holds " + value);
    }
}
