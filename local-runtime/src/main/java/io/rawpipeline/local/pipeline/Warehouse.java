package io.rawpipeline.local.pipeline;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** The local warehouse as an engineer queries it: the DuckDB file the sink writes, opened read-only. */
public final class Warehouse implements AutoCloseable {

    /** Freshness of rows: milliseconds from notification to the row's push to the warehouse. */
    public record Freshness(long rows, long p50Millis, long p99Millis) {

        public static Freshness of(long[] lags) {
            if (lags.length == 0) {
                return new Freshness(0, 0, 0);
            }
            long[] sorted = lags.clone();
            Arrays.sort(sorted);
            return new Freshness(sorted.length, percentile(sorted, 50), percentile(sorted, 99));
        }

        private static long percentile(long[] sorted, int percent) {
            int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
        }
    }

    private final Connection connection;

    private Warehouse(Connection connection) {
        this.connection = connection;
    }

    /** Opens the file read-only; the sink must have closed it (its worker stopped). */
    public static Warehouse open(Path file) throws SQLException {
        Properties props = new Properties();
        props.setProperty("duckdb.read_only", "true");
        return new Warehouse(DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath(), props));
    }

    /** Rows of every RAW table, by {@code SCHEMA.TABLE}. */
    public Map<String, Long> rowCounts() throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : tables()) {
            counts.put(table, single("SELECT count(*) FROM " + table));
        }
        return counts;
    }

    /** Distinct provenance keys ({@code SOURCE_FILE}, {@code SOURCE_LINE}) of a table. */
    public long distinctLines(String table) throws SQLException {
        return single("SELECT count(DISTINCT (SOURCE_FILE, SOURCE_LINE)) FROM " + table);
    }

    /** How many rows of {@code table} hold each value of {@code column} that starts with {@code prefix}. */
    public Map<String, Long> occurrences(String table, String column, String prefix) throws SQLException {
        Map<String, Long> counts = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + column + ", count(*) FROM "
                + table + " WHERE starts_with(" + column + ", ?) GROUP BY 1")) {
            statement.setString(1, prefix);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    counts.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        return counts;
    }

    public List<String> tables() throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT table_schema || '.' || table_name FROM "
                     + "information_schema.tables WHERE table_schema NOT LIKE '\\_%' ESCAPE '\\' "
                     + "AND table_catalog = current_database() ORDER BY 1")) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        return tables;
    }

    /** A landed row: its source file, when its record was created, and when the sink pushed it. */
    public record LandedRow(String sourceFile, long createTime, long pushTime) {
    }

    public List<LandedRow> landedRows(String table) throws SQLException {
        List<LandedRow> landed = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT SOURCE_FILE, "
                     + "CAST(json_extract(RECORD_METADATA, '$.CreateTime') AS BIGINT), "
                     + "CAST(json_extract(RECORD_METADATA, '$.SnowflakeConnectorPushTime') AS BIGINT) FROM " + table)) {
            while (rows.next()) {
                landed.add(new LandedRow(rows.getString(1), rows.getLong(2), rows.getLong(3)));
            }
        }
        return landed;
    }

    /**
     * @param notifiedAt when each object's notification was sent, by source file; rows of other files (pings) are
     *                   measured from their record's CreateTime
     */
    public Freshness freshness(String table, Map<String, Instant> notifiedAt) throws SQLException {
        return Freshness.of(landedRows(table).stream().mapToLong(row -> {
            Instant notified = notifiedAt.get(row.sourceFile());
            return row.pushTime() - (notified != null ? notified.toEpochMilli() : row.createTime());
        }).toArray());
    }

    /** One value of a query that returns one row; for tests and the demo's sample query. */
    public Object value(String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getObject(1) : null;
        }
    }

    private long single(String sql) throws SQLException {
        return ((Number) value(sql)).longValue();
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
