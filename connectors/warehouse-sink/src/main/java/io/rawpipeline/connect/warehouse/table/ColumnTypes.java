package io.rawpipeline.connect.warehouse.table;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.duckdb.DuckDBAppender;

/**
 * The DuckDB column type of each Connect type, and the JDBC value DuckDB takes for it. Timestamps are UTC wall
 * clock in a {@code TIMESTAMP} (like Snowflake's {@code TIMESTAMP_NTZ}); a map is a typed DuckDB {@code MAP}
 * (the licenses' {@code extra}: {@code extra['key']} reads a cell without the JSON extension). Structs and arrays
 * have no column type yet: no RAW table has one.
 */
public final class ColumnTypes {

    private static final int MAX_DECIMAL_PRECISION = 38;
    /** Set by Confluent's AvroConverter on decimals; Connect's own Decimal carries only the scale. */
    private static final String DECIMAL_PRECISION = "connect.decimal.precision";

    private ColumnTypes() {
    }

    /** The column type, or empty when DuckDB has none for this Connect type. */
    public static Optional<String> sqlType(Schema schema) {
        if (schema.name() != null) {
            switch (schema.name()) {
                case Timestamp.LOGICAL_NAME:
                    return Optional.of("TIMESTAMP");
                case Date.LOGICAL_NAME:
                    return Optional.of("DATE");
                case Time.LOGICAL_NAME:
                    return Optional.of("TIME");
                case Decimal.LOGICAL_NAME:
                    return decimalType(schema);
                default:
                    break; // a named type of its own (an Avro record name, say): its physical type decides
            }
        }
        return switch (schema.type()) {
            case INT8 -> Optional.of("TINYINT");
            case INT16 -> Optional.of("SMALLINT");
            case INT32 -> Optional.of("INTEGER");
            case INT64 -> Optional.of("BIGINT");
            case FLOAT32 -> Optional.of("FLOAT");
            case FLOAT64 -> Optional.of("DOUBLE");
            case BOOLEAN -> Optional.of("BOOLEAN");
            case STRING -> Optional.of("VARCHAR");
            case BYTES -> Optional.of("BLOB");
            case MAP -> mapType(schema);
            case ARRAY, STRUCT -> Optional.empty();
        };
    }

    private static Optional<String> decimalType(Schema schema) {
        int scale = Integer.parseInt(schema.parameters().get(Decimal.SCALE_FIELD));
        String precisionText = schema.parameters().get(DECIMAL_PRECISION);
        int precision = precisionText == null ? MAX_DECIMAL_PRECISION : Integer.parseInt(precisionText);
        if (precision > MAX_DECIMAL_PRECISION || scale > precision) {
            return Optional.empty();
        }
        return Optional.of("DECIMAL(" + precision + ", " + scale + ")");
    }

    /** Maps of scalars only: DuckDB takes a map value through JDBC as a Java map of plain values. */
    private static Optional<String> mapType(Schema schema) {
        if (schema.keySchema().name() != null || schema.valueSchema().name() != null
                || !schema.keySchema().type().isPrimitive() || !schema.valueSchema().type().isPrimitive()
                || schema.keySchema().type() == Schema.Type.BYTES || schema.valueSchema().type() == Schema.Type.BYTES) {
            return Optional.empty();
        }
        return sqlType(schema.keySchema()).flatMap(key -> sqlType(schema.valueSchema())
                .map(value -> "MAP(" + key + ", " + value + ")"));
    }

    /** Appends the value to the current row, in the column type {@link #sqlType(Schema)} gives. */
    public static void append(DuckDBAppender appender, Schema schema, Object value) throws SQLException {
        if (value == null) {
            appender.appendNull();
        } else if (value instanceof java.util.Date date) { // Timestamp, Date and Time: millis since the epoch, UTC
            LocalDateTime utc = LocalDateTime.ofInstant(date.toInstant(), ZoneOffset.UTC);
            switch (schema.name()) {
                case Date.LOGICAL_NAME -> appender.append(utc.toLocalDate());
                case Time.LOGICAL_NAME -> appender.append(utc.toLocalTime());
                default -> appender.append(utc);
            }
        } else if (value instanceof BigDecimal decimal) {
            appender.append(decimal);
        } else if (value instanceof ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            appender.append(bytes);
        } else {
            switch (schema.type()) {
                case INT8 -> appender.append((Byte) value);
                case INT16 -> appender.append((Short) value);
                case INT32 -> appender.append((Integer) value);
                case INT64 -> appender.append((Long) value);
                case FLOAT32 -> appender.append((Float) value);
                case FLOAT64 -> appender.append((Double) value);
                case BOOLEAN -> appender.append((Boolean) value);
                case STRING -> appender.append((String) value);
                case BYTES -> appender.append((byte[]) value);
                case MAP -> appender.append((Map<?, ?>) value);
                case ARRAY, STRUCT -> throw new IllegalArgumentException("no column type for " + schema.type());
            }
        }
    }
}
