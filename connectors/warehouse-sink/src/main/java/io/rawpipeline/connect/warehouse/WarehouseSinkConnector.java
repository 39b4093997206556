package io.rawpipeline.connect.warehouse;

import io.rawpipeline.connect.warehouse.config.DatabaseConfig;
import io.rawpipeline.connect.warehouse.config.WarehouseSinkConfig;
import io.rawpipeline.connect.warehouse.database.DuckDbFile;
import io.rawpipeline.connect.warehouse.database.QueryServer;
import io.rawpipeline.connect.warehouse.offset.SinkOffsets;
import java.io.IOException;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * Lands {@code <schema>.<table>} topics in the tables of an embedded DuckDB file: the local stand-in for the
 * Snowflake connector, with the same table and column names and the same RECORD_METADATA column. Tasks share the
 * file (one writer per JVM), so they scale the mapping of records, not the writes.
 */
public final class WarehouseSinkConnector extends SinkConnector {

    static final String VERSION = versionOf(WarehouseSinkConnector.class);

    private Map<String, String> props;
    private QueryServer queries;

    @Override
    public void start(Map<String, String> props) {
        WarehouseSinkConfig config = new WarehouseSinkConfig(props);
        this.props = Map.copyOf(props);
        String listen = config.getString(DatabaseConfig.QUERY_LISTEN_CONFIG);
        if (!listen.isEmpty()) {
            try {
                queries = QueryServer.start(listen, DuckDbFile.open(config.duckDbPath()));
            } catch (IOException | SQLException e) {
                throw new ConnectException("Cannot answer queries on " + listen + ": " + e.getMessage(), e);
            }
        }
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
        if (queries != null) {
            try {
                queries.close();
            } catch (SQLException e) {
                throw new ConnectException("Cannot close the warehouse file: " + e.getMessage(), e);
            } finally {
                queries = null;
            }
        }
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
