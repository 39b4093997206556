package io.rawpipeline.bench.parse;

import io.rawpipeline.local.samples.CloudFrontLogGenerator;
import io.rawpipeline.raw.CloudFrontLogEntry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.avro.Schema;

/**
 * DuckDB's CSV reader on one thread over the same file, typed like the RAW table: the yardstick for our parser.
 *
 * <p>The query aggregates over every column ({@code count(col)} of each, {@code sum} of the numbers) rather than
 * {@code count(*)}: DuckDB pushes projections into its CSV scan, so a query touching few columns would skip
 * converting the others, while our parser converts every field. It is also fairer than {@code CREATE TABLE AS}: that
 * would add DuckDB's storage writes, whereas our records are dropped after parsing, like these aggregated vectors.
 */
final class DuckDbReadCsvContender implements Contender {

    private final Connection connection;
    private final List<String[]> columns; // name, DuckDB type

    DuckDbReadCsvContender() throws SQLException {
        connection = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET threads = 1");
        }
        columns = columnsOf(CloudFrontLogGenerator.FIELDS);
    }

    @Override
    public String name() {
        return "DuckDB read_csv (threads=1)";
    }

    @Override
    public long run(Path file) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(query(file))) {
            result.next();
            long rows = result.getLong(1);
            for (int i = 2; i <= columns.size() + 1; i++) {
                result.getLong(i); // every column must have been read; the values only feed the query
            }
            return rows;
        }
    }

    String query(Path file) {
        StringBuilder select = new StringBuilder("SELECT count(*)");
        for (String[] column : columns) {
            select.append(", count(").append(column[0]).append(')');
        }
        for (String[] column : columns) {
            if (!column[1].equals("VARCHAR")) {
                select.append(", sum(").append(column[0]).append(')');
            }
        }
        String columnTypes = columns.stream()
                .map(column -> "'" + column[0] + "': '" + column[1] + "'")
                .collect(Collectors.joining(", ", "{", "}"));
        return select + " FROM read_csv('" + file.toAbsolutePath().toString().replace("'", "''") + "', "
                + "delim = '\t', skip = " + CloudFrontLogGenerator.HEADER_LINES + ", header = false, "
                + "columns = " + columnTypes + ", nullstr = '-', quote = '', escape = '')";
    }

    /** The RAW column and its DuckDB type for each CloudFront field, taken from the record schema. */
    private static List<String[]> columnsOf(List<String> fields) {
        Map<String, Schema.Field> byCloudFrontName = CloudFrontLogEntry.getClassSchema().getFields().stream()
                .filter(field -> field.getProp("cloudfront.field") != null)
                .collect(Collectors.toMap(field -> field.getProp("cloudfront.field"), Function.identity()));
        List<String[]> columns = new ArrayList<>();
        for (String name : fields) {
            Schema.Field field = byCloudFrontName.get(name);
            if (field == null) {
                throw new IllegalStateException("the CloudFront schema has no field for " + name);
            }
            columns.add(new String[] {field.name(), duckDbType(field.schema())});
        }
        return columns;
    }

    private static String duckDbType(Schema schema) {
        for (Schema branch : schema.getTypes()) {
            switch (branch.getType()) {
                case LONG:
                    return "BIGINT";
                case DOUBLE:
                    return "DOUBLE";
                case STRING:
                    return "VARCHAR";
                default:
                    break;
            }
        }
        throw new IllegalStateException("no DuckDB type for " + schema);
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
