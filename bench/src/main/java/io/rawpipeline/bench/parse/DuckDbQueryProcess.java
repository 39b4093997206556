package io.rawpipeline.bench.parse;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * DuckDB as a whole process for {@code bench parse}: a JVM with nothing on its class path but this class and DuckDB's
 * JDBC driver runs one query on one thread and prints the count of its first column. The JVM is the only way to run
 * DuckDB 2.0 here (its CLI is not packaged for this machine); its start-up is timed apart, on a one-row file.
 */
public final class DuckDbQueryProcess {

    private DuckDbQueryProcess() {
    }

    public static void main(String[] args) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = connection.createStatement()) {
            statement.execute("SET threads = 1");
            try (ResultSet result = statement.executeQuery(args[0])) {
                result.next();
                for (int i = 2; i <= result.getMetaData().getColumnCount(); i++) {
                    result.getLong(i);
                }
                System.out.println("rows=" + result.getLong(1));
            }
        }
    }
}
