package io.rawpipeline.connect.warehouse.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/** Where the warehouse is: the DuckDB file that stands for the RAW database. */
public final class DatabaseConfig {

    public static final String DUCKDB_PATH_CONFIG = "duckdb.path";
    public static final String QUERY_LISTEN_CONFIG = "query.listen";

    private static final String GROUP = "Warehouse";

    private DatabaseConfig() {
    }

    static void define(ConfigDef def) {
        def.define(DUCKDB_PATH_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                Importance.HIGH, "Path of the DuckDB file that holds the RAW tables (created if missing). Only one "
                        + "process may open it for writing: the worker that runs this connector.",
                GROUP, 1, Width.LONG, "DuckDB file");
        def.define(QUERY_LISTEN_CONFIG, Type.STRING, "", Importance.LOW, "host:port on which the connector answers "
                        + "read-only SQL queries over HTTP (POST /query), through the file its tasks write, so "
                        + "'pipeline sql' can read the warehouse while it is written. Empty: off. Only where the "
                        + "connector and its tasks share one worker, as in 'pipeline local'.",
                GROUP, 2, Width.MEDIUM, "Query address");
    }
}
