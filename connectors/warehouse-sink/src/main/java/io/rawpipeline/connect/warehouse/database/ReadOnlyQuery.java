package io.rawpipeline.connect.warehouse.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * One query a person runs against the warehouse, which can read and never write: DuckDB itself says whether the
 * text is only SELECT statements ({@code json_serialize_sql} refuses anything else), and it runs in a transaction
 * that is rolled back.
 */
public final class ReadOnlyQuery {

    /** The answer: column names, and rows of numbers, booleans, text or nulls. */
    public record Result(List<String> columns, List<List<Object>> rows, boolean truncated) {
    }

    private ReadOnlyQuery() {
    }

    /**
     * @throws IllegalArgumentException for a statement other than SELECT, with DuckDB's reason
     * @throws SQLException             for a query DuckDB refuses, with its message
     */
    public static Result run(Connection connection, String sql, int maxRows) throws SQLException {
        try (PreparedStatement check = connection.prepareStatement(
                "SELECT json_serialize_sql(?)::JSON->>'error_message'")) {
            check.setString(1, sql);
            try (ResultSet answer = check.executeQuery()) {
                if (answer.next() && answer.getString(1) != null) {
                    throw new IllegalArgumentException("only queries can run here: " + answer.getString(1));
                }
            }
        }
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.setMaxRows(maxRows + 1);
            try (ResultSet rows = statement.executeQuery(sql)) {
                ResultSetMetaData meta = rows.getMetaData();
                List<String> columns = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    columns.add(meta.getColumnLabel(i));
                }
                List<List<Object>> values = new ArrayList<>();
                while (rows.next() && values.size() <= maxRows) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= columns.size(); i++) {
                        Object value = rows.getObject(i);
                        row.add(value == null || value instanceof Number || value instanceof Boolean ? value
                                : rows.getString(i));
                    }
                    values.add(row);
                }
                boolean truncated = values.size() > maxRows;
                return new Result(columns, truncated ? values.subList(0, maxRows) : values, truncated);
            }
        } finally {
            connection.rollback();
            connection.setAutoCommit(autoCommit);
        }
    }
}
