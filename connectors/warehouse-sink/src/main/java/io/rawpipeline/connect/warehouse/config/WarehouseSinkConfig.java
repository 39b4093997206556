package io.rawpipeline.connect.warehouse.config;

import io.rawpipeline.connect.warehouse.table.TopicTables;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.sink.SinkConnector;

/** The warehouse sink's settings: one ConfigDef built from the fragments of each concern. */
public final class WarehouseSinkConfig extends AbstractConfig {

    /** Set by Connect on every connector; keys the offsets, so two connectors can share one file. */
    static final String NAME_CONFIG = "name";

    public static final ConfigDef CONFIG_DEF = configDef();

    private final String connectorName;
    private final TopicTables tables;

    public WarehouseSinkConfig(Map<?, ?> props) {
        super(CONFIG_DEF, props);
        Object name = originals().get(NAME_CONFIG);
        if (name == null || name.toString().isBlank()) {
            throw new ConfigException(NAME_CONFIG, name, "is missing: the offsets in DuckDB are kept per connector");
        }
        this.connectorName = name.toString();
        this.tables = TopicTables.parse(getString(LandingConfig.TOPIC2TABLE_MAP_CONFIG));
        checkTopicsHaveTables();
    }

    private static ConfigDef configDef() {
        ConfigDef def = new ConfigDef();
        DatabaseConfig.define(def);
        LandingConfig.define(def);
        return def;
    }

    /** A topic listed in {@code topics} that has no table fails now rather than at its first record. */
    private void checkTopicsHaveTables() {
        Object topics = originals().get(SinkConnector.TOPICS_CONFIG);
        if (topics == null) {
            return; // topics.regex: checked record by record
        }
        Arrays.stream(topics.toString().split(",")).map(String::trim).filter(topic -> !topic.isEmpty())
                .filter(topic -> tables.tableOf(topic).isEmpty()).findFirst().ifPresent(topic -> {
                    throw new ConfigException(SinkConnector.TOPICS_CONFIG, topics, "topic " + topic
                            + " is not <schema>.<table> and " + LandingConfig.TOPIC2TABLE_MAP_CONFIG
                            + " names no table for it");
                });
    }

    public String connectorName() {
        return connectorName;
    }

    public Path duckDbPath() {
        return Path.of(getString(DatabaseConfig.DUCKDB_PATH_CONFIG));
    }

    public TopicTables tables() {
        return tables;
    }

    public boolean upsertOnProvenance() {
        return getBoolean(LandingConfig.UPSERT_ON_PROVENANCE_CONFIG);
    }
}
