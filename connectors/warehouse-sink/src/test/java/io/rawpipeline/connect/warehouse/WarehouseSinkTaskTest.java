package io.rawpipeline.connect.warehouse;

import static io.rawpipeline.connect.warehouse.LogEntryRecords.TOPIC;
import static io.rawpipeline.connect.warehouse.LogEntryRecords.V1;
import static io.rawpipeline.connect.warehouse.LogEntryRecords.V2;
import static io.rawpipeline.connect.warehouse.LogEntryRecords.entry;
import static io.rawpipeline.connect.warehouse.LogEntryRecords.lines;
import static io.rawpipeline.connect.warehouse.LogEntryRecords.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WarehouseSinkTaskTest {

    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);
    private static final TopicPartition RELEASES = new TopicPartition("releases.log_entries", 0);
    private static final String TABLE = "\"DIAGNOSTICS\".\"LOG_ENTRIES\"";
    private static final String OBJECT = "s3://logs/diagnostics/E2.2024-05-01.gz";

    @TempDir
    Path dir;

    private final List<WarehouseSinkTask> started = new ArrayList<>();

    @AfterEach
    void stopTasks() {
        started.forEach(WarehouseSinkTask::stop);
    }

    @Test
    void createsTheTableWithTheColumnTypesOfTheRecordSchema() throws SQLException {
        WarehouseSinkTask task = start(RecordingSinkTaskContext.withoutReporter(props()), P0);

        task.put(lines(V1, OBJECT, 1, 3, 0));

        assertThat(columnTypes("DIAGNOSTICS", "LOG_ENTRIES")).containsExactly(
                entry("RECORD_METADATA", "JSON"), entry("LOGDATE", "VARCHAR"), entry("URI", "VARCHAR"),
                entry("STATUS", "VARCHAR"), entry("BYTESSENT", "BIGINT"), entry("TIME_TO_FIRST_BYTE", "DOUBLE"),
                entry("SOURCE_FILE", "VARCHAR"), entry("SOURCE_LINE", "BIGINT"), entry("INGESTED_AT", "TIMESTAMP"));
        assertThat(query("SELECT constraint_column_names FROM duckdb_constraints() WHERE table_name = 'LOG_ENTRIES'"
                + " AND constraint_type = 'PRIMARY KEY'")).extracting(row -> row.get(0).toString())
                .containsExactly("[SOURCE_FILE, SOURCE_LINE]");
        // the timestamp is UTC wall clock, whatever the JVM's zone
        assertThat(query("SELECT SOURCE_LINE, STATUS, BYTESSENT, epoch_ms(INGESTED_AT), INGESTED_AT::VARCHAR FROM "
                + TABLE + " ORDER BY 1")).containsExactly(
                        List.of(1L, "000", 1001L, LogEntryRecords.INGESTED_AT, "2023-11-14 22:13:20.123"),
                        List.of(2L, "200", 1002L, LogEntryRecords.INGESTED_AT, "2023-11-14 22:13:20.123"),
                        List.of(3L, "000", 1003L, LogEntryRecords.INGESTED_AT, "2023-11-14 22:13:20.123"));
    }

    @Test
    void landsEveryConnectTypeInItsDuckDbType() throws SQLException {
        Schema decimal = Decimal.builder(2).parameter("connect.decimal.precision", "10").optional().build();
        Schema schema = SchemaBuilder.struct()
                .field("server_id", Schema.STRING_SCHEMA)
                .field("elb_status_code", Schema.OPTIONAL_INT32_SCHEMA)
                .field("enterprise_ready", Schema.OPTIONAL_BOOLEAN_SCHEMA)
                .field("raw_bytes", Schema.OPTIONAL_BYTES_SCHEMA)
                .field("extra", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.OPTIONAL_STRING_SCHEMA).optional().build())
                .field("day", org.apache.kafka.connect.data.Date.builder().optional().build())
                .field("price", decimal)
                .build();
        Struct value = new Struct(schema).put("server_id", "s1").put("elb_status_code", 502)
                .put("enterprise_ready", true).put("raw_bytes", new byte[] {1, 2, 3})
                .put("extra", Map.of("region", "eu")).put("day", java.util.Date.from(LocalDate.of(2024, 5, 1)
                        .atStartOfDay(java.time.ZoneOffset.UTC).toInstant()))
                .put("price", new BigDecimal("12.34"));
        WarehouseSinkTask task = start(RecordingSinkTaskContext.withoutReporter(props()),
                new TopicPartition("telemetry.security_pings", 0));

        task.put(List.of(record("telemetry.security_pings", 0, 0, schema, value)));

        assertThat(columnTypes("TELEMETRY", "SECURITY_PINGS")).containsExactly(
                entry("RECORD_METADATA", "JSON"), entry("SERVER_ID", "VARCHAR"), entry("ELB_STATUS_CODE", "INTEGER"),
                entry("ENTERPRISE_READY", "BOOLEAN"), entry("RAW_BYTES", "BLOB"),
                entry("EXTRA", "MAP(VARCHAR, VARCHAR)"), entry("DAY", "DATE"), entry("PRICE", "DECIMAL(10,2)"));
        assertThat(query("SELECT ELB_STATUS_CODE, ENTERPRISE_READY, hex(RAW_BYTES), EXTRA['region'], DAY::VARCHAR,"
                + " PRICE::VARCHAR FROM \"TELEMETRY\".\"SECURITY_PINGS\""))
                .containsExactly(List.of(502, true, "010203", "eu", "2024-05-01", "12.34"));
    }

    @Test
    void addsANullableColumnWhenTheSchemaGainsAFieldAndOldRowsReadNull() throws SQLException {
        WarehouseSinkTask task = start(RecordingSinkTaskContext.withoutReporter(props()), P0);

        task.put(lines(V1, OBJECT, 1, 2, 0));
        task.put(lines(V2, OBJECT, 3, 2, 2));

        assertThat(columnTypes("DIAGNOSTICS", "LOG_ENTRIES")).containsEntry("C_PORT", "BIGINT");
        assertThat(query("SELECT is_nullable FROM information_schema.columns WHERE column_name = 'C_PORT'"))
                .containsExactly(List.of("YES"));
        assertThat(query("SELECT SOURCE_LINE, C_PORT FROM " + TABLE + " ORDER BY 1")).containsExactly(
                Arrays.asList(1L, null), Arrays.asList(2L, null), List.of(3L, 40003L), List.of(4L, 40004L));
    }

    @Test
    void storesTheNextOffsetsWithTheRowsAndPreCommitReturnsThem() throws SQLException {
        WarehouseSinkTask task = start(RecordingSinkTaskContext.withoutReporter(props()), P0, P1);
        List<SinkRecord> batch = new ArrayList<>(lines(V1, OBJECT, 1, 3, 10));
        batch.add(record(TOPIC, 1, 7, V1, entry(V1, "s3://logs/other.gz", 1)));

        task.put(batch);
        assertThat(storedOffsets()).containsOnly(entry(P0, 13L), entry(P1, 8L));
        Map<TopicPartition, OffsetAndMetadata> committed = task.preCommit(Map.of(
                P0, new OffsetAndMetadata(13), P1, new OffsetAndMetadata(8)));

        assertThat(committed).containsOnly(entry(P0, new OffsetAndMetadata(13)), entry(P1, new OffsetAndMetadata(8)));
    }

    @Test
    void rowsLandedAndTheNewestRowsTimestampPerTableAreTheTasksMetrics() throws SQLException {
        RecordingSinkTaskContext context = RecordingSinkTaskContext.withReporter(props());
        WarehouseSinkTask task = start(context, P0);
        task.put(lines(V1, OBJECT, 1, 3, 10));
        task.put(lines(V1, OBJECT, 4, 2, 13));
        task.put(lines(V1, OBJECT, 1, 3, 10)); // again, below DuckDB's offsets: not landed, not counted

        assertThat(context.metric("rows-landed-total", "DIAGNOSTICS.LOG_ENTRIES")).isEqualTo(5);
        assertThat(context.metric("newest-row-timestamp-seconds", "DIAGNOSTICS.LOG_ENTRIES"))
                .isEqualTo((LogEntryRecords.INGESTED_AT + 14) / 1000.0);
    }

    @Test
    void recordsConnectFailedBeforePutAreNotCommittedPastAndAreReadAgainByTheNextTask() throws SQLException {
        WarehouseSinkTask task = start(RecordingSinkTaskContext.withoutReporter(props()), P0);
        task.put(lines(V1, OBJECT, 1, 3, 10));

        // Connect's position is 15: it marked the records at 13 and 14 failed, perhaps only because a stop cut short
        // their conversion's retries while the registry was away
        Map<TopicPartition, OffsetAndMetadata> committed = task.preCommit(Map.of(P0, new OffsetAndMetadata(15)));

        assertThat(committed).containsOnly(entry(P0, new OffsetAndMetadata(13)));
        assertThat(storedOffsets()).containsOnly(entry(P0, 13L));
        task.stop();
        started.remove(task);
        RecordingSinkTaskContext next = RecordingSinkTaskContext.withoutReporter(props());
        start(next, P0);
        assertThat(next.seeks).containsOnly(entry(P0, 13L));
    }

    @Test
    void aNewTaskOnTheSameFileSeeksToTheOffsetsDuckDbHolds() {
        WarehouseSinkTask first = start(RecordingSinkTaskContext.withoutReporter(props()), P0, P1);
        first.put(lines(V1, OBJECT, 1, 5, 20));
        first.stop();
        started.remove(first);
        RecordingSinkTaskContext context = RecordingSinkTaskContext.withoutReporter(props());

        start(context, P0, P1);

        assertThat(context.seeks).containsOnly(entry(P0, 25L)); // P1 has no rows: Connect's own offset stands
    }

    @Test
    void recordsConnectDeliversAgainBelowDuckDbsOffsetsAreNotLandedTwice() throws SQLException {
        WarehouseSinkTask first = start(RecordingSinkTaskContext.withoutReporter(props(false)), P0);
        first.put(lines(V1, OBJECT, 1, 5, 0));
        first.stop();
        started.remove(first);
        WarehouseSinkTask second = start(RecordingSinkTaskContext.withoutReporter(props(false)), P0);

        second.put(lines(V1, OBJECT, 4, 4, 3)); // Connect's group was at offset 3: 3 and 4 are in DuckDB already

        assertThat(query("SELECT SOURCE_LINE, count(*) FROM " + TABLE + " GROUP BY 1 ORDER BY 1"))
                .extracting(row -> row.get(1)).containsExactly(1L, 1L, 1L, 1L, 1L, 1L, 1L);
        assertThat(storedOffsets()).containsOnly(entry(P0, 7L));
    }

    @Test
    void aNonStructValueWithoutAReporterFailsTheWholeBatchNamingTheRecord() throws SQLException {
        WarehouseSinkTask task = start(RecordingSinkTaskContext.withoutReporter(props()), P0);
        task.put(lines(V1, OBJECT, 1, 2, 0));
        List<SinkRecord> batch = new ArrayList<>(lines(V1, OBJECT, 3, 2, 2));
        batch.add(record(TOPIC, 0, 4, Schema.STRING_SCHEMA, "not a struct"));
        batch.addAll(lines(V1, OBJECT, 6, 1, 5));

        assertThatThrownBy(() -> task.put(batch)).isInstanceOf(ConnectException.class)
                .hasMessageContaining("topic " + TOPIC + ", partition 0, offset 4")
                .hasMessageContaining("not a Struct");

        assertThat(query("SELECT count(*) FROM " + TABLE)).containsExactly(List.of(2L));
        assertThat(storedOffsets()).containsOnly(entry(P0, 2L));
        // a put that failed leaves Connect's offsets where they were
        assertThat(task.preCommit(Map.of(P0, new OffsetAndMetadata(2)))).containsOnly(
                entry(P0, new OffsetAndMetadata(2)));
    }

    @Test
    void aBatchThatFailsInDuckDbRollsBackItsRowsColumnsAndOffsets() throws SQLException {
        WarehouseSinkTask task = start(RecordingSinkTaskContext.withoutReporter(props()), P0, RELEASES);
        List<SinkRecord> first = new ArrayList<>(lines(V1, OBJECT, 1, 2, 0));
        first.add(record(RELEASES.topic(), 0, 0, V1, entry(V1, OBJECT, 1)));
        task.put(first);
        // LOG_ENTRIES gets its rows (and a new column) first; then RELEASES fails: a later schema types bytessent
        // as text, and DuckDB cannot put "n/a" in its BIGINT column
        Schema textBytes = SchemaBuilder.struct().field("source_file", Schema.STRING_SCHEMA)
                .field("source_line", Schema.INT64_SCHEMA).field("bytessent", Schema.OPTIONAL_STRING_SCHEMA)
                .field("x_new", Schema.OPTIONAL_STRING_SCHEMA).build();
        List<SinkRecord> failing = new ArrayList<>(lines(V2, OBJECT, 3, 2, 2));
        failing.add(record(RELEASES.topic(), 0, 1, textBytes, new Struct(textBytes).put("source_file", OBJECT)
                .put("source_line", 2L).put("bytessent", "n/a")));

        assertThatThrownBy(() -> task.put(failing)).isInstanceOf(ConnectException.class)
                .hasMessageContaining("nothing of the batch was written").hasStackTraceContaining("n/a");

        assertThat(query("SELECT count(*) FROM " + TABLE)).containsExactly(List.of(2L));
        assertThat(query("SELECT count(*) FROM \"RELEASES\".\"LOG_ENTRIES\"")).containsExactly(List.of(1L));
        assertThat(columnTypes("DIAGNOSTICS", "LOG_ENTRIES")).doesNotContainKey("C_PORT");
        assertThat(columnTypes("RELEASES", "LOG_ENTRIES")).doesNotContainKey("X_NEW");
        assertThat(storedOffsets()).containsOnly(entry(P0, 2L), entry(RELEASES, 1L));

        task.put(lines(V2, OBJECT, 3, 2, 2)); // the task forgot the rolled-back column and adds it again

        assertThat(query("SELECT SOURCE_LINE, C_PORT FROM " + TABLE + " WHERE C_PORT IS NOT NULL ORDER BY 1"))
                .containsExactly(List.of(3L, 40003L), List.of(4L, 40004L));
        assertThat(storedOffsets()).containsOnly(entry(P0, 4L), entry(RELEASES, 1L));
    }

    @Test
    void tombstonesAndNonStructValuesGoToTheErrantRecordReporterAndTheRestLands() throws SQLException {
        RecordingSinkTaskContext context = RecordingSinkTaskContext.withReporter(props());
        WarehouseSinkTask task = start(context, P0);
        List<SinkRecord> batch = new ArrayList<>(lines(V1, OBJECT, 1, 2, 0));
        batch.add(record(TOPIC, 0, 2, null, null));
        batch.add(record(TOPIC, 0, 3, null, Map.of("uri", "/security")));
        batch.addAll(lines(V1, OBJECT, 5, 1, 4));

        task.put(batch);

        assertThat(context.reported).extracting(r -> r.record().kafkaOffset()).containsExactly(2L, 3L);
        assertThat(context.reported).extracting(r -> r.error().getMessage())
                .allMatch(message -> message.contains("tombstone") || message.contains("not a Struct"));
        assertThat(query("SELECT SOURCE_LINE FROM " + TABLE + " ORDER BY 1"))
                .containsExactly(List.of(1L), List.of(2L), List.of(5L));
        assertThat(storedOffsets()).containsOnly(entry(P0, 5L));
    }

    @Test
    void upsertOnProvenanceKeepsOneRowPerSourceLineWithTheLatestValues() throws SQLException {
        WarehouseSinkTask task = start(RecordingSinkTaskContext.withoutReporter(props()), P0);
        task.put(lines(V1, OBJECT, 1, 3, 0));

        task.put(lines(V2, OBJECT, 1, 3, 3)); // a replay of the same lines, parsed with the newer schema

        assertThat(query("SELECT SOURCE_LINE, C_PORT, RECORD_METADATA->>'offset' FROM " + TABLE + " ORDER BY 1"))
                .containsExactly(List.of(1L, 40001L, "3"), List.of(2L, 40002L, "4"), List.of(3L, 40003L, "5"));
    }

    @Test
    void ofTwoRecordsOfTheSameLineInOneBatchTheLaterOneIsTheRow() throws SQLException {
        WarehouseSinkTask task = start(RecordingSinkTaskContext.withoutReporter(props()), P0);
        List<SinkRecord> batch = new ArrayList<>(lines(V1, OBJECT, 1, 2, 0));
        batch.add(record(TOPIC, 0, 2, V2, entry(V2, OBJECT, 2)));

        task.put(batch);

        assertThat(query("SELECT SOURCE_LINE, C_PORT, RECORD_METADATA->>'offset' FROM " + TABLE + " ORDER BY 1"))
                .containsExactly(Arrays.asList(1L, null, "0"), List.of(2L, 40002L, "2"));
    }

    @Test
    void aRecordWithoutProvenanceIsABadRecordForATableKeyedOnIt() throws SQLException {
        RecordingSinkTaskContext context = RecordingSinkTaskContext.withReporter(props());
        WarehouseSinkTask task = start(context, P0);
        Schema optionalProvenance = SchemaBuilder.struct().field("uri", Schema.OPTIONAL_STRING_SCHEMA)
                .field("source_file", Schema.OPTIONAL_STRING_SCHEMA).field("source_line", Schema.OPTIONAL_INT64_SCHEMA)
                .build();
        List<SinkRecord> batch = List.of(
                record(TOPIC, 0, 0, optionalProvenance, new Struct(optionalProvenance).put("uri", "/a")
                        .put("source_file", OBJECT).put("source_line", 1L)),
                record(TOPIC, 0, 1, optionalProvenance, new Struct(optionalProvenance).put("uri", "/b")));

        task.put(batch);

        assertThat(context.reported).extracting(r -> r.record().kafkaOffset()).containsExactly(1L);
        assertThat(context.reported.get(0).error()).hasMessageContaining("provenance");
        assertThat(query("SELECT URI FROM " + TABLE)).containsExactly(List.of("/a"));
    }

    @Test
    void withoutUpsertOnProvenanceAReplayedLineLandsTwice() throws SQLException {
        WarehouseSinkTask task = start(RecordingSinkTaskContext.withoutReporter(props(false)), P0);
        task.put(lines(V1, OBJECT, 1, 3, 0));

        task.put(lines(V1, OBJECT, 1, 3, 3));

        assertThat(query("SELECT count(*), count(DISTINCT SOURCE_LINE) FROM " + TABLE))
                .containsExactly(List.of(6L, 3L));
    }

    @Test
    void recordMetadataHoldsTopicPartitionOffsetCreateTimePushTimeKeyAndHeaders() throws Exception {
        WarehouseSinkTask task = start(RecordingSinkTaskContext.withoutReporter(props()), P0);

        long before = System.currentTimeMillis();
        task.put(lines(V1, OBJECT, 1, 1, 42));
        long after = System.currentTimeMillis();

        JsonNode metadata = new ObjectMapper().readTree(
                (String) query("SELECT RECORD_METADATA::VARCHAR FROM " + TABLE).get(0).get(0));
        assertThat(metadata.get("topic").asText()).isEqualTo(TOPIC);
        assertThat(metadata.get("partition").asInt()).isZero();
        assertThat(metadata.get("offset").asLong()).isEqualTo(42);
        assertThat(metadata.get("CreateTime").asLong()).isEqualTo(LogEntryRecords.INGESTED_AT + 42);
        assertThat(metadata.get("SnowflakeConnectorPushTime").asLong()).isBetween(before, after);
        assertThat(metadata.get("key").asText()).isEqualTo("key-42");
        assertThat(metadata.get("headers").get("source_file").asText()).isEqualTo(OBJECT);
    }

    @Test
    void topic2tableMapLandsATopicInTheTableItNames() throws SQLException {
        Map<String, String> props = props();
        props.put("topic2table.map", TOPIC + ":RELEASES.LOG_ENTRIES");
        WarehouseSinkTask task = start(RecordingSinkTaskContext.withoutReporter(props), P0);

        task.put(lines(V1, OBJECT, 1, 2, 0));

        assertThat(query("SELECT table_schema, table_name FROM information_schema.tables"
                + " WHERE table_schema NOT IN ('_RAWPIPELINE')")).containsExactly(List.of("RELEASES", "LOG_ENTRIES"));
    }

    @Test
    void twoTasksLandTheirPartitionsInTheSameFileInParallel() throws Exception {
        WarehouseSinkTask first = start(RecordingSinkTaskContext.withoutReporter(props()), P0);
        WarehouseSinkTask second = start(RecordingSinkTaskContext.withoutReporter(props()), P1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<?> a = threads.submit(() -> putBatches(first, 0, "s3://logs/a.gz"));
            Future<?> b = threads.submit(() -> putBatches(second, 1, "s3://logs/b.gz"));
            a.get();
            b.get();
        } finally {
            threads.shutdown();
        }

        assertThat(query("SELECT SOURCE_FILE, count(*), count(C_PORT) FROM " + TABLE + " GROUP BY 1 ORDER BY 1"))
                .containsExactly(List.of("s3://logs/a.gz", 400L, 200L), List.of("s3://logs/b.gz", 400L, 200L));
        assertThat(storedOffsets()).containsOnly(entry(P0, 400L), entry(P1, 400L));
    }

    /** 20 batches of 20 lines; the second half with schema V2, so both tasks add the column concurrently. */
    private static void putBatches(WarehouseSinkTask task, int partition, String object) {
        for (int batch = 0; batch < 20; batch++) {
            Schema schema = batch < 10 ? V1 : V2;
            List<SinkRecord> records = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                long offset = batch * 20L + i;
                records.add(record(TOPIC, partition, offset, schema, entry(schema, object, offset + 1)));
            }
            task.put(records);
        }
    }

    private Map<String, String> props() {
        return props(true);
    }

    private Map<String, String> props(boolean upsert) {
        Map<String, String> props = new HashMap<>();
        props.put("name", "warehouse-test");
        props.put("duckdb.path", dir.resolve("raw.duckdb").toString());
        props.put("upsert.on.provenance", Boolean.toString(upsert));
        return props;
    }

    private WarehouseSinkTask start(RecordingSinkTaskContext context, TopicPartition... partitions) {
        WarehouseSinkTask task = new WarehouseSinkTask();
        task.initialize(context);
        task.start(context.configs());
        started.add(task);
        task.open(List.of(partitions));
        return task;
    }

    private Map<String, String> columnTypes(String schema, String table) throws SQLException {
        Map<String, String> types = new java.util.LinkedHashMap<>();
        for (List<Object> row : query("SELECT column_name, data_type FROM information_schema.columns WHERE table_schema"
                + " = '" + schema + "' AND table_name = '" + table + "' ORDER BY ordinal_position")) {
            types.put((String) row.get(0), (String) row.get(1));
        }
        return types;
    }

    private Map<TopicPartition, Long> storedOffsets() throws SQLException {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (List<Object> row : query("SELECT TOPIC, \"PARTITION\", NEXT_OFFSET FROM \"_RAWPIPELINE\".SINK_OFFSETS"
                + " WHERE CONNECTOR = 'warehouse-test'")) {
            offsets.put(new TopicPartition((String) row.get(0), (Integer) row.get(1)), (Long) row.get(2));
        }
        return offsets;
    }

    /** Reads the file through its own connection (the JDBC driver shares the open database within this JVM). */
    private List<List<Object>> query(String sql) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("raw.duckdb"));
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(result.getObject(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
