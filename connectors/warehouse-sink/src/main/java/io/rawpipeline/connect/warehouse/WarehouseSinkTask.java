package io.rawpipeline.connect.warehouse;

import io.rawpipeline.connect.warehouse.config.WarehouseSinkConfig;
import io.rawpipeline.connect.warehouse.database.DuckDbFile;
import io.rawpipeline.connect.warehouse.offset.SinkOffsets;
import io.rawpipeline.connect.warehouse.record.BadRecordException;
import io.rawpipeline.connect.warehouse.record.BadRecords;
import io.rawpipeline.connect.warehouse.record.RowMapper;
import io.rawpipeline.connect.warehouse.table.LandingRow;
import io.rawpipeline.connect.warehouse.table.TableCatalog;
import io.rawpipeline.connect.warehouse.table.TableWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lands each {@link #put} batch in one DuckDB transaction: the rows, and the next offset of every partition in the
 * batch. Exactly once: on {@link #open} the consumer is moved to the offsets DuckDB holds, records below them are
 * skipped if they come again, and {@link #preCommit} hands Connect those same offsets, so its group offsets are
 * only a hint that never loses or repeats a row.
 */
public final class WarehouseSinkTask extends SinkTask {

    private static final Logger log = LoggerFactory.getLogger(WarehouseSinkTask.class);

    /** The next offset DuckDB holds for each assigned partition that has rows landed. */
    private final Map<TopicPartition, Long> landed = new HashMap<>();

    private DuckDbFile file;
    private Connection connection;
    private SinkOffsets offsets;
    private RowMapper rows;
    private TableCatalog catalog;
    private TableWriter writer;
    private BadRecords badRecords;
    private LandingMetrics metrics;

    @Override
    public String version() {
        return WarehouseSinkConnector.VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        WarehouseSinkConfig config = new WarehouseSinkConfig(props);
        offsets = new SinkOffsets(config.connectorName());
        rows = new RowMapper(config.tables(), config.upsertOnProvenance());
        catalog = new TableCatalog(config.upsertOnProvenance());
        writer = new TableWriter(catalog);
        badRecords = new BadRecords(context.errantRecordReporter());
        metrics = new LandingMetrics(context.pluginMetrics());
        try {
            file = DuckDbFile.open(config.duckDbPath());
            connection = file.connect();
            file.write(connection, SinkOffsets::createTable);
        } catch (SQLException e) {
            stop();
            throw new ConnectException("Could not open the DuckDB file " + config.duckDbPath(), e);
        }
    }

    @Override
    public void open(Collection<TopicPartition> partitions) {
        Map<TopicPartition, Long> stored;
        try {
            stored = offsets.read(connection, partitions);
        } catch (SQLException e) {
            throw new ConnectException("Could not read the offsets in " + SinkOffsets.TABLE + " of " + file.path(), e);
        }
        landed.putAll(stored);
        if (!stored.isEmpty()) {
            log.info("Resuming {} partitions at the offsets in {}: {}", stored.size(), SinkOffsets.TABLE, stored);
            context.offset(stored);
        }
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        long pushTime = System.currentTimeMillis();
        List<LandingRow> batch = new ArrayList<>(records.size());
        Map<TopicPartition, Long> next = new HashMap<>();
        // per table: rows, newest Kafka timestamp
        Map<String, long[]> tables = new HashMap<>();
        for (SinkRecord record : records) {
            TopicPartition partition = new TopicPartition(record.originalTopic(), record.originalKafkaPartition());
            long offset = record.originalKafkaOffset();
            if (offset < landed.getOrDefault(partition, Long.MIN_VALUE)) {
                continue; // landed already: Connect's offsets were behind DuckDB's
            }
            next.put(partition, offset + 1);
            try {
                LandingRow row = rows.toRow(record, pushTime);
                batch.add(row);
                long[] table = tables.computeIfAbsent(row.table().toString(), t -> new long[2]);
                table[0]++;
                table[1] = Math.max(table[1], record.timestamp() == null ? 0 : record.timestamp());
            } catch (BadRecordException reason) {
                badRecords.reject(record, reason);
            }
        }
        badRecords.awaitReported();
        if (next.isEmpty()) {
            return;
        }
        try {
            file.write(connection, transaction -> {
                writer.write(transaction, batch);
                offsets.store(transaction, next);
            });
        } catch (SQLException | RuntimeException e) {
            catalog.forget(); // the tables and columns this batch made are rolled back too
            throw new ConnectException("Could not land " + batch.size() + " records up to offsets " + next + " in "
                    + file.path() + "; nothing of the batch was written", e);
        }
        landed.putAll(next);
        tables.forEach((table, landedRows) -> metrics.landed(table, landedRows[0], landedRows[1]));
    }

    /**
     * Connect commits what DuckDB holds, never its own position: that runs ahead past records it handed to no
     * {@link #put}, and not all of them are bad. When a task stops while Connect retries a record's conversion (the
     * registry away), Connect marks the record failed and dead-letters it; committing past it would lose a good row
     * (the likely cause of a ping that LostNotificationsIT, now QueuedNotificationsIT, once missed). So such records
     * are read again after a restart: a good one lands, a bad one is dead-lettered again.
     */
    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
        for (TopicPartition partition : currentOffsets.keySet()) {
            Long offset = landed.get(partition);
            if (offset != null) {
                committed.put(partition, new OffsetAndMetadata(offset));
            }
        }
        return committed;
    }

    @Override
    public void close(Collection<TopicPartition> partitions) {
        partitions.forEach(landed::remove);
    }

    @Override
    public void stop() {
        landed.clear();
        try {
            if (connection != null) {
                connection.close();
            }
            if (file != null) {
                file.close();
            }
        } catch (SQLException e) {
            throw new ConnectException("Could not close the DuckDB file " + file.path(), e);
        } finally {
            connection = null;
            file = null;
        }
    }
}
