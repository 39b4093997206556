package io.rawpipeline.connect.warehouse.offset;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * The offsets that count: the next offset of each topic partition a connector has landed, kept in the DuckDB file
 * and written in the same transaction as the rows. Connect's consumer group offsets only follow them.
 */
public final class SinkOffsets {

    public static final String SCHEMA = "\"_RAWPIPELINE\"";
    public static final String TABLE = SCHEMA + ".\"SINK_OFFSETS\"";

    private final String connector;

    public SinkOffsets(String connector) {
        this.connector = connector;
    }

    public static void createTable(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
            statement.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (\"CONNECTOR\" VARCHAR NOT NULL,"
                    + " \"TOPIC\" VARCHAR NOT NULL, \"PARTITION\" INTEGER NOT NULL, \"NEXT_OFFSET\" BIGINT NOT NULL,"
                    + " PRIMARY KEY (\"CONNECTOR\", \"TOPIC\", \"PARTITION\"))");
        }
    }

    /** The next offsets of those partitions that have rows landed; the others are absent. */
    public Map<TopicPartition, Long> read(Connection connection, Collection<TopicPartition> partitions)
            throws SQLException {
        Set<TopicPartition> wanted = Set.copyOf(partitions);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT \"TOPIC\", \"PARTITION\", \"NEXT_OFFSET\" FROM " + TABLE + " WHERE \"CONNECTOR\" = ?")) {
            select.setString(1, connector);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    TopicPartition partition = new TopicPartition(rows.getString(1), rows.getInt(2));
                    if (wanted.contains(partition)) {
                        offsets.put(partition, rows.getLong(3));
                    }
                }
            }
        }
        return offsets;
    }

    /** Records the next offsets, inside the caller's transaction. */
    public void store(Connection connection, Map<TopicPartition, Long> nextOffsets) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("INSERT OR REPLACE INTO " + TABLE
                + " (\"CONNECTOR\", \"TOPIC\", \"PARTITION\", \"NEXT_OFFSET\") VALUES (?, ?, ?, ?)")) {
            for (Map.Entry<TopicPartition, Long> offset : nextOffsets.entrySet()) {
                upsert.setString(1, connector);
                upsert.setString(2, offset.getKey().topic());
                upsert.setInt(3, offset.getKey().partition());
                upsert.setLong(4, offset.getValue());
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }
}
