package io.rawpipeline.connect.warehouse.database;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * Answers read-only SQL over HTTP through the DuckDB file the sink's tasks write ({@code POST /query}, the query as
 * the body, {@code ?max_rows=N}): 200 with {@code {"columns":[…],"rows":[[…]],"truncated":…}}, 400 with
 * {@code {"error":"…"}} naming what DuckDB refused. DuckDB lets readers and the writer work side by side, so a query
 * neither waits for nor holds up a batch.
 */
public final class QueryServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DEFAULT_MAX_ROWS = 1000;

    private final HttpServer server;
    private final DuckDbFile file;

    private QueryServer(HttpServer server, DuckDbFile file) {
        this.server = server;
        this.file = file;
    }

    /** {@code listen}: {@code host:port}. */
    public static QueryServer start(String listen, DuckDbFile file) throws IOException {
        URI address = URI.create("http://" + listen);
        HttpServer server = HttpServer.create(new InetSocketAddress(address.getHost(), address.getPort()), 0);
        QueryServer queries = new QueryServer(server, file);
        server.createContext("/query", queries::answer);
        server.setExecutor(Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "warehouse-queries");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
        return queries;
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                reply(exchange, 405, Map.of("error", "POST the query"));
                return;
            }
            String sql = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String query = exchange.getRequestURI().getQuery();
            int maxRows = query != null && query.startsWith("max_rows=")
                    ? Integer.parseInt(query.substring("max_rows=".length())) : DEFAULT_MAX_ROWS;
            try (Connection connection = file.connect()) {
                reply(exchange, 200, ReadOnlyQuery.run(connection, sql, maxRows));
            } catch (SQLException | IllegalArgumentException e) {
                reply(exchange, 400, Map.of("error", String.valueOf(e.getMessage())));
            }
        }
    }

    private static void reply(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() throws SQLException {
        server.stop(0);
        file.close();
    }
}
