package io.rawpipeline.connect.warehouse;

import io.rawpipeline.connect.warehouse.config.WarehouseSinkConfig;
import io.rawpipeline.connect.warehouse.offset.SinkOffsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * Lands {@code <schema>.<table>} topics in the tables of an embedded DuckDB file: the local stand-in for the
 * Snowflake connector, with the same table and column names and the same RECORD_METADATA column. Tasks share the
 * file (one writer per JVM), so they scale the mapping of records, not the writes.
 */
public final class WarehouseSinkConnector extends SinkConnector {

    static final String VERSION = versionOf(WarehouseSinkConnector.class);

    private Map<String, String> props;

    @Override
    public void start(Map<String, String> props) {
        new WarehouseSinkConfig(props);
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return WarehouseSinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return Collections.nCopies(maxTasks, props);
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return WarehouseSinkConfig.CONFIG_DEF;
    }

    /**
     * The offsets that count are in DuckDB: altering only Connect's would be undone when the tasks open their
     * partitions, so the request is refused rather than silently ignored.
     */
    @Override
    public boolean alterOffsets(Map<String, String> connectorConfig, Map<TopicPartition, Long> offsets) {
        throw new UnsupportedOperationException("The offsets of this connector are kept in " + SinkOffsets.TABLE
                + " of its DuckDB file, with the rows; change them there while the connector is stopped");
    }

    @Override
    public String version() {
        return VERSION;
    }

    static String versionOf(Class<?> type) {
        String version = type.getPackage().getImplementationVersion();
        return version == null ? "unknown" : version;
    }
}
