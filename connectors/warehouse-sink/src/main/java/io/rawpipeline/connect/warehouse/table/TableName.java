package io.rawpipeline.connect.warehouse.table;

import java.util.Locale;
import java.util.Optional;

/**
 * A RAW table: schema and table, upper case as Snowflake folds unquoted names, always quoted in SQL so that names
 * that are DuckDB keywords still work.
 */
public record TableName(String schema, String table) {

    public TableName {
        if (schema.isBlank() || table.isBlank()) {
            throw new IllegalArgumentException("a table needs a schema and a name, got " + schema + "." + table);
        }
        schema = schema.toUpperCase(Locale.ROOT);
        table = table.toUpperCase(Locale.ROOT);
    }

    /** {@code SCHEMA.TABLE} (case folded), or empty when the text is not two names joined by one dot. */
    static Optional<TableName> parse(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new TableName(parts[0].trim(), parts[1].trim()));
    }

    public String sql() {
        return quote(schema) + "." + quote(table);
    }

    @Override
    public String toString() {
        return schema + "." + table;
    }

    public static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
