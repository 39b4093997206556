package io.rawpipeline.connect.warehouse;

import java.util.Date;
import java.util.List;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Records of {@code diagnostics.log_entries} as the AvroConverter gives them: a few CloudFront columns and the
 * provenance every RAW record carries, in two schema versions (the second adds the optional {@code c_port}).
 */
final class LogEntryRecords {

    static final String TOPIC = "diagnostics.log_entries";
    static final long INGESTED_AT = 1_700_000_000_123L;

    static final Schema V1 = base().version(1).build();
    static final Schema V2 = base().version(2).field("c_port", Schema.OPTIONAL_INT64_SCHEMA).build();

    private LogEntryRecords() {
    }

    private static SchemaBuilder base() {
        return SchemaBuilder.struct().name("io.rawpipeline.raw.cloudfront.LogEntry")
                .field("logdate", Schema.OPTIONAL_STRING_SCHEMA)
                .field("uri", Schema.OPTIONAL_STRING_SCHEMA)
                .field("status", Schema.OPTIONAL_STRING_SCHEMA)
                .field("bytessent", Schema.OPTIONAL_INT64_SCHEMA)
                .field("time_to_first_byte", Schema.OPTIONAL_FLOAT64_SCHEMA)
                .field("source_file", Schema.STRING_SCHEMA)
                .field("source_line", Schema.INT64_SCHEMA)
                .field("ingested_at", Timestamp.SCHEMA);
    }

    /** Line {@code line} of the object, with values derived from the line number. */
    static Struct entry(Schema schema, String sourceFile, long line) {
        Struct value = new Struct(schema)
                .put("logdate", "2024-05-0" + (line % 9 + 1))
                .put("uri", "/security")
                .put("status", line % 2 == 0 ? "200" : "000")
                .put("bytessent", 1000 + line)
                .put("time_to_first_byte", line / 1000.0)
                .put("source_file", sourceFile)
                .put("source_line", line)
                .put("ingested_at", new Date(INGESTED_AT));
        if (schema.field("c_port") != null) {
            value.put("c_port", 40000 + line);
        }
        return value;
    }

    static SinkRecord record(String topic, int partition, long offset, Schema schema, Object value) {
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString("source_file", "s3://logs/diagnostics/E2.2024-05-01.gz");
        return new SinkRecord(topic, partition, Schema.OPTIONAL_STRING_SCHEMA, "key-" + offset, schema, value, offset,
                INGESTED_AT + offset, TimestampType.CREATE_TIME, headers);
    }

    /** Lines {@code first..first+count-1} of one object at offsets {@code firstOffset..}, on partition 0. */
    static List<SinkRecord> lines(Schema schema, String sourceFile, long first, int count, long firstOffset) {
        return java.util.stream.LongStream.range(0, count)
                .mapToObj(i -> record(TOPIC, 0, firstOffset + i, schema, entry(schema, sourceFile, first + i)))
                .toList();
    }
}
