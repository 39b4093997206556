package io.rawpipeline.connect.warehouse.table;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/** One record on its way into its table: the value's fields become columns, the metadata RECORD_METADATA. */
public record LandingRow(TableName table, Schema schema, Struct value, String metadata) {
}
