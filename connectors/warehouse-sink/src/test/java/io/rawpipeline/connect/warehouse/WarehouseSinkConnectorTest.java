package io.rawpipeline.connect.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class WarehouseSinkConnectorTest {

    private static final Map<String, String> PROPS = Map.of("name", "warehouse", "duckdb.path", "/tmp/raw.duckdb",
            "topics", "diagnostics.log_entries,push_proxy.logs_us_new");

    @Test
    void everyTaskGetsTheConnectorsSettings() {
        WarehouseSinkConnector connector = new WarehouseSinkConnector();
        connector.start(PROPS);

        assertThat(connector.taskConfigs(3)).hasSize(3).allSatisfy(config -> assertThat(config).isEqualTo(PROPS));
        assertThat(connector.taskClass()).isEqualTo(WarehouseSinkTask.class);
    }

    @Test
    void refusesToStartWithATopicThatHasNoTable() {
        assertThatThrownBy(() -> new WarehouseSinkConnector().start(Map.of("name", "warehouse",
                "duckdb.path", "/tmp/raw.duckdb", "topics", "pings"))).isInstanceOf(ConfigException.class);
    }

    @Test
    void refusesToAlterOffsetsThatDuckDbWouldOverride() {
        WarehouseSinkConnector connector = new WarehouseSinkConnector();

        assertThatThrownBy(() -> connector.alterOffsets(PROPS, Map.of(new TopicPartition("diagnostics.log_entries", 0), 0L)))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("_RAWPIPELINE");
    }
}
