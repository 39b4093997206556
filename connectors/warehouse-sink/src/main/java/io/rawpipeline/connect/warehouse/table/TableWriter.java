package io.rawpipeline.connect.warehouse.table;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Writes the rows of one batch inside the caller's transaction. Every table is first fitted to the columns of the
 * batch; then its rows are appended to a temporary stage (DuckDB's appender: one row per JDBC statement would be a
 * thousand times slower) and moved into the table by one {@code INSERT … SELECT}, which casts them to the table's
 * types. In a keyed table a row replaces the row with its key, whole: of two records of the same line in the batch
 * the later one wins.
 */
public final class TableWriter {

    private static final String STAGE = "_STAGE";
    private static final String SEQUENCE = "_SEQ";

    private final TableCatalog catalog;

    public TableWriter(TableCatalog catalog) {
        this.catalog = catalog;
    }

    public void write(Connection connection, List<LandingRow> rows) throws SQLException {
        Map<TableName, List<LandingRow>> tables = new LinkedHashMap<>();
        for (LandingRow row : rows) {
            tables.computeIfAbsent(row.table(), table -> new ArrayList<>()).add(row);
        }
        Map<TableName, Map<String, String>> batchTypes = new HashMap<>();
        Map<TableName, TableShape> shapes = new HashMap<>();
        for (Map.Entry<TableName, List<LandingRow>> table : tables.entrySet()) {
            Map<String, String> types = columnTypes(table.getValue());
            batchTypes.put(table.getKey(), types);
            shapes.put(table.getKey(), catalog.fit(connection, table.getKey(), types));
        }
        for (Map.Entry<TableName, List<LandingRow>> table : tables.entrySet()) {
            land(connection, table.getKey(), shapes.get(table.getKey()), batchTypes.get(table.getKey()),
                    table.getValue());
        }
    }

    /** The columns of the rows' schemas, with the type of the first schema that has each. */
    private static Map<String, String> columnTypes(List<LandingRow> rows) {
        Map<String, String> types = new LinkedHashMap<>();
        Schema previous = null;
        for (LandingRow row : rows) {
            if (row.schema() == previous) {
                continue;
            }
            previous = row.schema();
            for (Field field : row.schema().fields()) {
                types.putIfAbsent(TableCatalog.columnOf(field), ColumnTypes.sqlType(field.schema()).orElseThrow());
            }
        }
        return types;
    }

    private static void land(Connection connection, TableName table, TableShape shape, Map<String, String> batchTypes,
            List<LandingRow> rows) throws SQLException {
        List<String> columns = new ArrayList<>(shape.types().keySet());
        // the stage holds the records' own types; the INSERT casts them to the table's (an INT32 into BIGINT, say)
        execute(connection, "CREATE TEMP TABLE " + TableName.quote(STAGE) + " (" + columns.stream()
                .map(column -> TableName.quote(column) + " " + (column.equals(TableCatalog.RECORD_METADATA)
                        ? "VARCHAR" : batchTypes.getOrDefault(column, shape.types().get(column))))
                .collect(Collectors.joining(", ")) + ", " + TableName.quote(SEQUENCE) + " BIGINT)");
        try (DuckDBAppender stage = connection.unwrap(DuckDBConnection.class).createAppender("temp", "main", STAGE)) {
            Map<Schema, Field[]> layouts = new HashMap<>();
            Schema previous = null;
            Field[] layout = null;
            long sequence = 0;
            for (LandingRow row : rows) {
                if (row.schema() != previous) { // converters reuse schema instances: skip the deep hash then
                    previous = row.schema();
                    layout = layouts.computeIfAbsent(previous, schema -> layout(schema, columns));
                }
                stage.beginRow();
                for (int i = 0; i < layout.length; i++) {
                    if (layout[i] == null) {
                        if (columns.get(i).equals(TableCatalog.RECORD_METADATA)) {
                            stage.append(row.metadata());
                        } else {
                            stage.appendNull(); // a column of another schema version
                        }
                    } else {
                        ColumnTypes.append(stage, layout[i].schema(), row.value().get(layout[i]));
                    }
                }
                stage.append(sequence++);
                stage.endRow();
            }
        }
        String list = columns.stream().map(TableName::quote).collect(Collectors.joining(", "));
        String latestPerKey = shape.keyed() ? " QUALIFY row_number() OVER (PARTITION BY "
                + shape.key().stream().map(TableName::quote).collect(Collectors.joining(", ")) + " ORDER BY "
                + TableName.quote(SEQUENCE) + " DESC) = 1" : "";
        execute(connection, "INSERT " + (shape.keyed() ? "OR REPLACE " : "") + "INTO " + table.sql() + " (" + list
                + ") SELECT " + list + " FROM " + TableName.quote(STAGE) + latestPerKey + " ORDER BY "
                + TableName.quote(SEQUENCE));
        execute(connection, "DROP TABLE " + TableName.quote(STAGE));
    }

    /** For each column, the schema's field that lands in it, or null. */
    private static Field[] layout(Schema schema, List<String> columns) {
        Field[] layout = new Field[columns.size()];
        for (int i = 0; i < layout.length; i++) {
            layout[i] = TableCatalog.fieldOf(schema, columns.get(i));
        }
        return layout;
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
