package io.rawpipeline.connect.warehouse.table;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;

/**
 * The tables of the DuckDB file as far as this task has seen them. Makes a table fit the columns of a batch,
 * inside the batch's transaction: creates it (schema too) on first use and adds a nullable column for each one it
 * lacks. Columns are never dropped or retyped: a field a newer schema no longer has just reads NULL.
 *
 * <p>Every column but the key is nullable, required fields included: a field deleted in a later schema version
 * (a compatible change in Avro) must not make the rows of that version fail.
 */
public final class TableCatalog {

    public static final String RECORD_METADATA = "RECORD_METADATA";
    public static final String SOURCE_FILE = "SOURCE_FILE";
    public static final String SOURCE_LINE = "SOURCE_LINE";
    /** Snowflake's RECORD_METADATA is a VARIANT; JSON keeps its field names and paths ({@code ->>'offset'}). */
    public static final String METADATA_TYPE = "JSON";

    private final boolean keyOnProvenance;
    private final Map<TableName, TableShape> known = new HashMap<>();

    public TableCatalog(boolean keyOnProvenance) {
        this.keyOnProvenance = keyOnProvenance;
    }

    /**
     * Makes the table hold the columns (name → DuckDB type, RECORD_METADATA apart) and returns its shape. A table
     * it creates is keyed on (SOURCE_FILE, SOURCE_LINE) when upserting on provenance and both columns are there.
     */
    public TableShape fit(Connection connection, TableName table, Map<String, String> columns) throws SQLException {
        TableShape shape = known.containsKey(table) ? known.get(table) : load(connection, table);
        if (shape == null) {
            shape = create(connection, table, columns);
        }
        Map<String, String> missing = new LinkedHashMap<>(columns);
        missing.put(RECORD_METADATA, METADATA_TYPE);
        missing.keySet().removeAll(shape.types().keySet());
        for (Map.Entry<String, String> column : missing.entrySet()) {
            execute(connection, "ALTER TABLE " + table.sql() + " ADD COLUMN IF NOT EXISTS "
                    + TableName.quote(column.getKey()) + " " + column.getValue());
            shape.types().put(column.getKey(), column.getValue());
        }
        known.put(table, shape);
        return shape;
    }

    /** Forgets what it saw: after a rollback, the tables and columns this transaction made are gone again. */
    public void forget() {
        known.clear();
    }

    private static TableShape load(Connection connection, TableName table) throws SQLException {
        Map<String, String> types = new LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT column_name, data_type"
                + " FROM information_schema.columns WHERE table_catalog = current_database() AND table_schema = ?"
                + " AND table_name = ? ORDER BY ordinal_position")) {
            select.setString(1, table.schema());
            select.setString(2, table.table());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    types.put(rows.getString(1), rows.getString(2));
                }
            }
        }
        if (types.isEmpty()) {
            return null;
        }
        try (PreparedStatement select = connection.prepareStatement("SELECT constraint_column_names"
                + " FROM duckdb_constraints() WHERE database_name = current_database() AND schema_name = ?"
                + " AND table_name = ? AND constraint_type = 'PRIMARY KEY'")) {
            select.setString(1, table.schema());
            select.setString(2, table.table());
            try (ResultSet rows = select.executeQuery()) {
                List<String> key = List.of();
                if (rows.next()) {
                    Array names = rows.getArray(1);
                    key = Arrays.stream((Object[]) names.getArray()).map(Object::toString).toList();
                }
                return new TableShape(types, key);
            }
        }
    }

    private TableShape create(Connection connection, TableName table, Map<String, String> columns)
            throws SQLException {
        Map<String, String> types = new LinkedHashMap<>();
        types.put(RECORD_METADATA, METADATA_TYPE); // first, as in the tables the Snowflake connector creates
        types.putAll(columns);
        List<String> key = keyOnProvenance && columns.containsKey(SOURCE_FILE) && columns.containsKey(SOURCE_LINE)
                ? List.of(SOURCE_FILE, SOURCE_LINE) : List.of();
        String definitions = types.entrySet().stream()
                .map(column -> TableName.quote(column.getKey()) + " " + column.getValue())
                .collect(Collectors.joining(", "));
        String primaryKey = key.isEmpty() ? ""
                : ", PRIMARY KEY (" + key.stream().map(TableName::quote).collect(Collectors.joining(", ")) + ")";
        execute(connection, "CREATE SCHEMA IF NOT EXISTS " + TableName.quote(table.schema()));
        execute(connection, "CREATE TABLE " + table.sql() + " (" + definitions + primaryKey + ")");
        return new TableShape(types, key);
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** The field that lands in the column, whatever its case. */
    public static Field fieldOf(Schema schema, String column) {
        return schema.fields().stream().filter(f -> columnOf(f).equals(column)).findFirst().orElse(null);
    }

    /** Columns are the field names upper-cased, as Snowflake folds the unquoted names the models use. */
    public static String columnOf(Field field) {
        return field.name().toUpperCase(Locale.ROOT);
    }
}
