package io.rawpipeline.cli.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rawpipeline.cli.RunningPipeline;
import io.rawpipeline.connect.warehouse.database.ReadOnlyQuery;
import io.rawpipeline.local.pipeline.LocalPipeline;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code pipeline sql}: queries the local warehouse, through the running pipeline's sink (which holds the DuckDB
 * file) while it runs, or from the file when nothing runs. Only queries: nothing can write through it.
 */
@Command(name = "sql", mixinStandardHelpOptions = true,
        description = {"Runs a query on the local warehouse (tables <SCHEMA>.<TABLE>, columns upper case, as in "
                + "Snowflake), while 'pipeline local' runs or after it stopped. Without QUERY, a prompt reads queries "
                + "ending in ';' until end of input.", "Only SELECT queries run; anything else gets DuckDB's reason."})
public final class SqlCommand implements Callable<Integer> {

    /** In a holder: picocli makes every command when the CLI starts, and Jackson's start-up is not free. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }
    private static final int CELL_WIDTH = 60;

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "QUERY", description = "The query; none: a prompt.")
    private String query;

    @Option(names = "--data-dir", description = "The pipeline's data folder (default: data/local in the "
            + "repository; data/demo for the demo's warehouse).")
    private Path dataDir;

    @Option(names = "--json", description = "One JSON array of row objects.")
    private boolean json;

    @Option(names = "--csv", description = "CSV with a header row.")
    private boolean csv;

    @Option(names = "--max-rows", defaultValue = "1000", description = "At most this many rows (default: "
            + "${DEFAULT-VALUE}).")
    private int maxRows;

    @Override
    public Integer call() throws Exception {
        if (json && csv) {
            throw new ParameterException(spec.commandLine(), "--json and --csv: choose one");
        }
        if (maxRows < 1) {
            throw new ParameterException(spec.commandLine(), "--max-rows must be at least 1, not " + maxRows);
        }
        Path folder = RunningPipeline.localDataDir(dataDir);
        Warehouse warehouse = open(folder);
        PrintWriter out = spec.commandLine().getOut();
        if (query != null) {
            return answer(warehouse, query, out) ? 0 : 1;
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        StringBuilder statement = new StringBuilder();
        out.print("sql> ");
        out.flush();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            statement.append(line).append('\n');
            if (line.strip().endsWith(";")) {
                answer(warehouse, statement.toString(), out);
                statement.setLength(0);
            }
            out.print(statement.isEmpty() ? "sql> " : "  -> ");
            out.flush();
        }
        out.println();
        out.flush();
        return 0;
    }

    /** Prints the answer, or DuckDB's reason on stderr. */
    private boolean answer(Warehouse warehouse, String sql, PrintWriter out) throws IOException {
        ReadOnlyQuery.Result result;
        try {
            result = warehouse.run(sql, maxRows);
        } catch (IllegalArgumentException | SQLException e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("pipeline sql: " + e.getMessage());
            err.flush();
            return false;
        }
        if (json) {
            ArrayNode rows = Json.MAPPER.createArrayNode();
            for (List<Object> row : result.rows()) {
                ObjectNode object = rows.addObject();
                for (int i = 0; i < row.size(); i++) {
                    object.set(result.columns().get(i), Json.MAPPER.valueToTree(row.get(i)));
                }
            }
            out.println(Json.MAPPER.writeValueAsString(rows));
        } else if (csv) {
            CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder()
                    .setHeader(result.columns().toArray(String[]::new)).get());
            for (List<Object> row : result.rows()) {
                printer.printRecord(row);
            }
            printer.flush();
        } else {
            table(result, out);
        }
        if (result.truncated()) {
            spec.commandLine().getErr().printf("pipeline sql: only the first %d rows (--max-rows)%n", maxRows);
            spec.commandLine().getErr().flush();
        }
        out.flush();
        return true;
    }

    private static void table(ReadOnlyQuery.Result result, PrintWriter out) {
        List<List<String>> cells = new ArrayList<>();
        cells.add(result.columns());
        for (List<Object> row : result.rows()) {
            cells.add(row.stream().map(value -> value == null ? "NULL" : cell(value.toString())).toList());
        }
        int[] widths = new int[result.columns().size()];
        for (List<String> row : cells) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        for (int r = 0; r < cells.size(); r++) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                line.append(i == 0 ? "" : " | ").append(String.format("%-" + widths[i] + "s", cells.get(r).get(i)));
            }
            out.println(line.toString().stripTrailing());
            if (r == 0) {
                StringBuilder rule = new StringBuilder();
                for (int i = 0; i < widths.length; i++) {
                    rule.append(i == 0 ? "" : "-+-").append("-".repeat(widths[i]));
                }
                out.println(rule);
            }
        }
        out.printf("(%d row%s)%n", result.rows().size(), result.rows().size() == 1 ? "" : "s");
    }

    private static String cell(String text) {
        String line = text.replace('\n', ' ');
        return line.length() <= CELL_WIDTH ? line : line.substring(0, CELL_WIDTH - 1) + "…";
    }

    /** Where queries go: the running pipeline's sink, or the file itself. */
    private interface Warehouse {
        ReadOnlyQuery.Result run(String sql, int maxRows) throws SQLException, IOException;
    }

    private static Warehouse open(Path folder) throws IOException {
        Properties running = RunningPipeline.addressesIn(folder);
        if (running != null) {
            URI url = URI.create(running.getProperty("sql.url"));
            HttpClient http = HttpClient.newHttpClient();
            return (sql, maxRows) -> {
                HttpResponse<String> answer;
                try {
                    answer = http.send(HttpRequest.newBuilder(URI.create(url + "?max_rows=" + maxRows))
                            .POST(HttpRequest.BodyPublishers.ofString(sql)).build(),
                            HttpResponse.BodyHandlers.ofString());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                } catch (IOException e) {
                    throw new IOException("the running pipeline's warehouse sink does not answer at " + url
                            + " (is its connector running?): " + e.getMessage(), e);
                }
                JsonNode body = Json.MAPPER.readTree(answer.body());
                if (answer.statusCode() != 200) {
                    throw new IllegalArgumentException(body.path("error").asText(answer.body()));
                }
                List<String> columns = new ArrayList<>();
                body.path("columns").forEach(column -> columns.add(column.asText()));
                List<List<Object>> rows = new ArrayList<>();
                for (JsonNode row : body.path("rows")) {
                    List<Object> values = new ArrayList<>();
                    row.forEach(value -> values.add(value.isNull() ? null : value.isNumber() ? value.numberValue()
                            : value.isBoolean() ? value.booleanValue() : value.asText()));
                    rows.add(values);
                }
                return new ReadOnlyQuery.Result(columns, rows, body.path("truncated").asBoolean());
            };
        }
        Path file = folder.resolve(LocalPipeline.WAREHOUSE_FILE);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no warehouse in " + folder + " (no " + LocalPipeline.WAREHOUSE_FILE
                    + "); give --data-dir");
        }
        return (sql, maxRows) -> {
            Properties readOnly = new Properties();
            readOnly.setProperty("duckdb.read_only", "true");
            try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath(),
                    readOnly)) {
                return ReadOnlyQuery.run(connection, sql, maxRows);
            }
        };
    }
}
