package io.rawpipeline.snowflake.connector;

import com.snowflake.kafka.connector.internal.streaming.schemaevolution.ColumnInfos;
import com.snowflake.kafka.connector.internal.streaming.schemaevolution.snowflake.SnowflakeTableSchemaResolver;
import com.snowflake.kafka.connector.records.RecordService;
import com.snowflake.kafka.connector.records.RecordServiceFactory;
import com.snowflake.kafka.connector.records.SnowflakeJsonSchema;
import com.snowflake.kafka.connector.records.SnowflakeMetadataConfig;
import com.snowflake.kafka.connector.records.SnowflakeRecordContent;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.snowflake.ingest.streaming.InsertValidationResponse;
import net.snowflake.ingest.streaming.OpenChannelRequest;
import net.snowflake.ingest.utils.Constants;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * What the Snowflake Kafka Connector (2.5.0, Snowpipe Streaming, schematization on) does with a record, through its
 * own classes: the row its streaming channel inserts, the column types its schema evolution would add, and the
 * ingest SDK's client-side validation of rows against a table's columns, the check that sends a row Snowflake would
 * refuse to the dead-letter topic.
 *
 * <p>It must run in the connector's plugin class loader (Connect's {@code PluginClassLoader} over the connector's
 * directory and this jar): its methods take and return only JDK and Connect API types, which that loader shares
 * with the worker.
 */
public final class ConnectorRows {

    /** The longest text a Snowflake VARCHAR (and so a column without a length) holds, in characters. */
    static final int MAX_TEXT = 16_777_216;
    private static final Pattern TYPE = Pattern.compile("(\\w+)(?:\\((\\d+)(?:,(\\d+))?\\))?");
    private static final String INTERNAL = "net.snowflake.ingest.streaming.internal.";

    private final RecordService records = RecordServiceFactory.createRecordService(false, true);
    private final SnowflakeTableSchemaResolver resolver = new SnowflakeTableSchemaResolver();

    /** {@code config}: the connector's settings (its {@code snowflake.metadata.*} decide RECORD_METADATA). */
    public ConnectorRows(Map<String, String> config) {
        records.setMetadataConfig(new SnowflakeMetadataConfig(config));
    }

    /**
     * The row the connector's streaming channel inserts for {@code record} (as the value converter produced it):
     * column name as the channel sends it (upper case, quoted where needed) → value, every one text or null.
     */
    public Map<String, Object> row(SinkRecord record) throws Exception {
        SinkRecord wrapped = wrap(wrap(record, false), true);
        return new TreeMap<>(records.getProcessedRecordForStreamingIngest(wrapped));
    }

    /** The columns schema evolution would add for {@code record}'s fields: name → Snowflake type. */
    public Map<String, String> columnTypes(SinkRecord record) throws Exception {
        List<String> columns = new ArrayList<>(row(record).keySet());
        columns.remove("RECORD_METADATA");
        Map<String, String> types = new TreeMap<>();
        for (Map.Entry<String, ColumnInfos> column
                : resolver.resolveTableSchemaFromRecord(record, columns).getColumnInfos().entrySet()) {
            types.put(column.getKey(), column.getValue().getColumnType());
        }
        return types;
    }

    /**
     * Rows checked the way the channel's {@code insertRows} checks them against a table of {@code columns} (name →
     * type as in CREATE TABLE), before anything is sent to Snowflake: one message per row refused, naming the row's
     * index, the column and the reason; empty when Snowflake's client would take them all.
     */
    public List<String> refusals(Map<String, String> columns, List<Map<String, Object>> rows) throws Exception {
        Object buffer = rowBuffer(columns);
        List<String> refusals = new ArrayList<>();
        for (InsertValidationResponse.InsertError error : insert(buffer, rows).getInsertErrors()) {
            Map<String, Object> row = rows.get((int) error.getRowIndex());
            StringBuilder message = new StringBuilder("row " + error.getRowIndex());
            if (error.getExtraColNames() != null) {
                message.append(", columns not in the table ").append(error.getExtraColNames());
            } else {
                // the client's message does not always name the column: try each value on its own
                List<String> refused = new ArrayList<>();
                for (Map.Entry<String, Object> value : row.entrySet()) {
                    Map<String, Object> alone = new HashMap<>();
                    alone.put(value.getKey(), value.getValue());
                    if (insert(buffer, List.of(alone)).hasErrors()) {
                        refused.add(value.getKey());
                    }
                }
                message.append(", column ").append(String.join(", ", refused));
            }
            refusals.add(message.append(": ").append(error.getException().getMessage()).toString());
        }
        return refusals;
    }

    private static InsertValidationResponse insert(Object buffer, List<Map<String, Object>> rows) throws Exception {
        Method insert = buffer.getClass().getMethod("insertRows", Iterable.class, String.class, String.class);
        insert.setAccessible(true);
        return (InsertValidationResponse) insert.invoke(buffer, rows, "0", "0");
    }

    /** As the channel's {@code handleNativeRecord}: the key or value turned into the connector's JSON content. */
    private static SinkRecord wrap(SinkRecord record, boolean key) {
        if (key ? record.key() == null : record.value() == null) {
            return record;
        }
        SnowflakeRecordContent content = key ? new SnowflakeRecordContent(record.keySchema(), record.key(), true)
                : new SnowflakeRecordContent(record.valueSchema(), record.value(), true);
        return record.newRecord(record.topic(), record.kafkaPartition(),
                key ? new SnowflakeJsonSchema() : record.keySchema(), key ? content : record.key(),
                key ? record.valueSchema() : new SnowflakeJsonSchema(), key ? record.value() : content,
                record.timestamp(), record.headers());
    }

    /** The ingest SDK's row buffer a channel keeps, set up with the columns Snowflake would report for the table. */
    private static Object rowBuffer(Map<String, String> columns) throws Exception {
        ClassLoader loader = ConnectorRows.class.getClassLoader();
        Class<?> state = loader.loadClass(INTERNAL + "ChannelRuntimeState");
        Constructor<?> newState = state.getDeclaredConstructor(String.class, long.class, boolean.class);
        newState.setAccessible(true);
        Class<?> parameters = loader.loadClass(INTERNAL + "ClientBufferParameters");
        Object bufferParameters = parameters.getMethod("test_createClientBufferParameters", long.class, long.class,
                Constants.BdecParquetCompression.class, boolean.class, Optional.class, boolean.class)
                .invoke(null, 256L << 20, 64L << 20, Constants.BdecParquetCompression.GZIP, true,
                        Optional.empty(), false);
        Method create = null;
        for (Method method : loader.loadClass(INTERNAL + "AbstractRowBuffer").getDeclaredMethods()) {
            if (method.getName().equals("createRowBuffer")) {
                create = method;
            }
        }
        create.setAccessible(true);
        java.util.function.Consumer<Float> ignored = size -> { };
        Object buffer = create.invoke(null, OpenChannelRequest.OnErrorOption.CONTINUE, ZoneOffset.UTC,
                Constants.BdecVersion.THREE, "RAW.CHECK.ROWS.channel", ignored, newState.newInstance("0", 0L, true),
                bufferParameters, null, null);
        List<Object> metadata = new ArrayList<>();
        int ordinal = 1;
        for (Map.Entry<String, String> column : columns.entrySet()) {
            metadata.add(columnMetadata(loader, column.getKey(), column.getValue(), ordinal++));
        }
        Method setup = buffer.getClass().getMethod("setupSchema", List.class);
        setup.setAccessible(true);
        setup.invoke(buffer, metadata);
        return buffer;
    }

    /**
     * A column as Snowflake describes it to a channel when it opens (logical and physical type, length, precision,
     * scale). Snowflake sends this description; here it is derived from the declared type the way Snowflake stores
     * it: every integer type is NUMBER(38,0), a VARCHAR without a length holds 16 MB, TIMESTAMP is TIMESTAMP_NTZ.
     */
    private static Object columnMetadata(ClassLoader loader, String name, String declared, int ordinal)
            throws Exception {
        Matcher type = TYPE.matcher(declared.toUpperCase(Locale.ROOT).replace(" ", ""));
        if (!type.matches()) {
            throw new IllegalArgumentException("column " + name + ": type " + declared + " is not one this knows");
        }
        Integer first = type.group(2) == null ? null : Integer.valueOf(type.group(2));
        Integer second = type.group(3) == null ? null : Integer.valueOf(type.group(3));
        Map<String, Object> fields = new LinkedHashMap<>();
        switch (type.group(1)) {
            case "VARCHAR", "TEXT", "STRING" -> {
                int length = first == null ? MAX_TEXT : first;
                fields.put("LogicalType", "TEXT");
                fields.put("PhysicalType", "LOB");
                fields.put("Length", length);
                fields.put("ByteLength", (int) Math.min(4L * length, MAX_TEXT));
            }
            case "BIGINT", "INT", "INTEGER", "SMALLINT", "NUMBER", "DECIMAL", "NUMERIC" -> {
                fields.put("LogicalType", "FIXED");
                fields.put("PhysicalType", "SB16");
                fields.put("Precision", first == null ? 38 : first);
                fields.put("Scale", second == null ? 0 : second);
            }
            case "DOUBLE", "FLOAT", "REAL" -> {
                fields.put("LogicalType", "REAL");
                fields.put("PhysicalType", "DOUBLE");
            }
            case "BOOLEAN" -> {
                fields.put("LogicalType", "BOOLEAN");
                fields.put("PhysicalType", "SB1");
            }
            case "TIMESTAMP", "TIMESTAMP_NTZ" -> {
                fields.put("LogicalType", "TIMESTAMP_NTZ");
                fields.put("PhysicalType", "SB8");
                fields.put("Scale", first == null ? 9 : first);
            }
            case "VARIANT" -> {
                fields.put("LogicalType", "VARIANT");
                fields.put("PhysicalType", "LOB");
            }
            default -> throw new IllegalArgumentException("column " + name + ": type " + declared
                    + " is not one this knows");
        }
        Class<?> metadataClass = loader.loadClass(INTERNAL + "ColumnMetadata");
        Constructor<?> constructor = metadataClass.getDeclaredConstructor();
        constructor.setAccessible(true);
        Object metadata = constructor.newInstance();
        set(metadata, "Name", name);
        set(metadata, "Nullable", true);
        set(metadata, "Ordinal", ordinal);
        for (Map.Entry<String, Object> field : fields.entrySet()) {
            set(metadata, field.getKey(), field.getValue());
        }
        return metadata;
    }

    private static void set(Object target, String property, Object value) throws Exception {
        Class<?> type = value instanceof Boolean ? boolean.class : value.getClass();
        Method setter = target.getClass().getDeclaredMethod("set" + property, type);
        setter.setAccessible(true);
        setter.invoke(target, value);
    }
}
