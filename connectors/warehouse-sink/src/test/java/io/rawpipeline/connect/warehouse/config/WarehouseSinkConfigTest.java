package io.rawpipeline.connect.warehouse.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rawpipeline.connect.warehouse.table.TableName;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class WarehouseSinkConfigTest {

    private final Map<String, String> props = new HashMap<>(Map.of(
            "name", "warehouse", "duckdb.path", "/tmp/raw.duckdb", "topics", "diagnostics.log_entries"));

    @Test
    void defaultsToUpsertOnProvenanceAndTheTopicsOwnTables() {
        WarehouseSinkConfig config = new WarehouseSinkConfig(props);

        assertThat(config.duckDbPath()).isEqualTo(Path.of("/tmp/raw.duckdb"));
        assertThat(config.upsertOnProvenance()).isTrue();
        assertThat(config.connectorName()).isEqualTo("warehouse");
        assertThat(config.tables().tableOf("diagnostics.log_entries")).contains(new TableName("DIAGNOSTICS", "LOG_ENTRIES"));
    }

    @Test
    void requiresTheDuckDbPath() {
        props.remove(DatabaseConfig.DUCKDB_PATH_CONFIG);

        assertThatThrownBy(() -> new WarehouseSinkConfig(props)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(DatabaseConfig.DUCKDB_PATH_CONFIG);
    }

    @Test
    void rejectsAMalformedTopicToTableMap() {
        props.put(LandingConfig.TOPIC2TABLE_MAP_CONFIG, "pings=TELEMETRY.SECURITY_PINGS");

        assertThatThrownBy(() -> new WarehouseSinkConfig(props)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(LandingConfig.TOPIC2TABLE_MAP_CONFIG).hasMessageContaining("topic:SCHEMA.TABLE");
    }

    @Test
    void rejectsAListedTopicThatHasNoTable() {
        props.put("topics", "diagnostics.log_entries,pings");

        assertThatThrownBy(() -> new WarehouseSinkConfig(props)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("topic pings is not <schema>.<table>");

        props.put(LandingConfig.TOPIC2TABLE_MAP_CONFIG, "pings:TELEMETRY.SECURITY_PINGS");
        assertThat(new WarehouseSinkConfig(props).tables().tableOf("pings")).isPresent();
    }

    @Test
    void everyKeyIsDocumentedInAGroup() {
        for (ConfigDef.ConfigKey key : WarehouseSinkConfig.CONFIG_DEF.configKeys().values()) {
            assertThat(key.documentation).as(key.name).isNotBlank();
            assertThat(key.group).as(key.name).isNotBlank();
        }
        assertThat(WarehouseSinkConfig.CONFIG_DEF.names()).containsExactlyInAnyOrder(
                DatabaseConfig.DUCKDB_PATH_CONFIG, DatabaseConfig.QUERY_LISTEN_CONFIG,
                LandingConfig.TOPIC2TABLE_MAP_CONFIG, LandingConfig.UPSERT_ON_PROVENANCE_CONFIG);
    }
}
