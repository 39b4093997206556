package io.rawpipeline.connect.warehouse.record;

import io.rawpipeline.connect.warehouse.table.ColumnTypes;
import io.rawpipeline.connect.warehouse.table.LandingRow;
import io.rawpipeline.connect.warehouse.table.TableCatalog;
import io.rawpipeline.connect.warehouse.table.TableName;
import io.rawpipeline.connect.warehouse.table.TopicTables;
import java.util.IdentityHashMap;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Turns a record into the row of its table, or says why it cannot be one: the checks that make a bad record a
 * dead letter rather than a failed transaction.
 */
public final class RowMapper {

    private final TopicTables tables;
    private final boolean upsertOnProvenance;
    private final Map<Schema, SchemaCheck> checks = new IdentityHashMap<>();

    public RowMapper(TopicTables tables, boolean upsertOnProvenance) {
        this.tables = tables;
        this.upsertOnProvenance = upsertOnProvenance;
    }

    /** @param pushTime when the row is handed to the warehouse, epoch millis (RECORD_METADATA) */
    public LandingRow toRow(SinkRecord record, long pushTime) throws BadRecordException {
        // a topic without a table is a configuration fault, not a bad record: no record of that topic could land
        TableName table = tables.tableOf(record.topic()).orElseThrow(() -> new ConnectException("Topic "
                + record.topic() + " is not <schema>.<table> and topic2table.map names no table for it"));
        if (record.value() == null) {
            throw new BadRecordException("the value is null (a tombstone): a RAW table has no row to delete");
        }
        Schema schema = record.valueSchema();
        if (!(record.value() instanceof Struct value) || schema == null || schema.type() != Schema.Type.STRUCT) {
            throw new BadRecordException("the value is a " + record.value().getClass().getSimpleName()
                    + ", not a Struct with a schema: the connector's value.converter must give typed records");
        }
        SchemaCheck check = checks.computeIfAbsent(schema, SchemaCheck::of);
        if (check.problem() != null) {
            throw new BadRecordException(check.problem());
        }
        if (upsertOnProvenance && check.keyFile() != null && check.keyLine() != null
                && (value.get(check.keyFile()) == null || value.get(check.keyLine()) == null)) {
            // a row of a table keyed on provenance needs both key values
            throw new BadRecordException("the provenance (" + check.keyFile().name() + ", " + check.keyLine().name()
                    + ") is null, but it is the row's key");
        }
        return new LandingRow(table, schema, value, RecordMetadata.of(record, pushTime));
    }

    /**
     * What a value schema allows, worked out once per schema: converters hand every record of a schema version the
     * same instance, and checking each field of each record stood out in profiles of the sink.
     */
    private record SchemaCheck(String problem, Field keyFile, Field keyLine) {

        static SchemaCheck of(Schema schema) {
            for (Field field : schema.fields()) {
                if (ColumnTypes.sqlType(field.schema()).isEmpty()) {
                    return new SchemaCheck("field " + field.name() + " is a " + describe(field.schema())
                            + ", which has no DuckDB column type here", null, null);
                }
            }
            return new SchemaCheck(null, TableCatalog.fieldOf(schema, TableCatalog.SOURCE_FILE),
                    TableCatalog.fieldOf(schema, TableCatalog.SOURCE_LINE));
        }
    }

    private static String describe(Schema schema) {
        return schema.name() == null ? schema.type().toString() : schema.name() + " (" + schema.type() + ")";
    }
}
