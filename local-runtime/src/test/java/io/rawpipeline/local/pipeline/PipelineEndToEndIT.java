package io.rawpipeline.local.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.rawpipeline.local.samples.SampleObjects;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole path on real parts (the same {@link LocalPipeline} as {@code pipeline demo}): objects in S3 and their
 * notifications, the S3 source, the parse app, the registry, the warehouse sink reading with Confluent's
 * AvroConverter from the Snowflake plugin, rows in DuckDB. Only Snowflake itself is not here.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineEndToEndIT extends LocalPipelineTest {

    private static final Duration LANDING_TIMEOUT = Duration.ofMinutes(4);

    /** Every row that must be in the warehouse, per parsed topic, over the tests so far. */
    private static final Map<String, Long> landedRows = new HashMap<>();
    private static long deadLetters;

    @Test
    @Order(1)
    void everySourceLandsInItsTableWithExactCountsAndValues() throws Exception {
        SampleLoad load = SampleLoad.of("first", 2, 300, 20);
        load.send(pipeline);
        load.awaitLanded(pipeline, LANDING_TIMEOUT, System.out::println);
        expect(load);

        assertTopicsHoldExactly();
        assertThat(DeadLetters.countByTable(pipeline.bootstrapServers(), pipeline.registryUrl(),
                pipeline.parseDeadLetterTopic(), pipeline.tablesBySource()))
                .as("one bad line per object, one bad ping, each counted for the table it was meant for")
                .containsAllEntriesOf(Map.of(SampleObjects.DIAGNOSTICS, 2L, SampleObjects.PUSH_PROXY_US, 2L,
                        SampleObjects.PUSH_PROXY_EU, 2L, SampleObjects.PUSH_PROXY_TEST, 2L, SampleObjects.LICENSES,
                        2L, SampleObjects.SECURITY_PINGS, 1L));

        pipeline.stopConnectWorker();
        try (Warehouse warehouse = Warehouse.open(pipeline.warehouseFile())) {
            assertWarehouseHoldsExactly(warehouse);
            spotCheckValues(warehouse, load);
        } finally {
            pipeline.startConnectWorker();
        }
    }

    @Test
    @Order(2)
    void stoppingTheConnectWorkerAndTheParseAppMidRunLosesAndRepeatsNothing() throws Exception {
        SampleLoad load = SampleLoad.of("crash", 3, 3000, 50);
        load.send(pipeline);
        awaitSomeParsed(SampleObjects.DIAGNOSTICS, landedRows.get(SampleObjects.DIAGNOSTICS) + 1);

        pipeline.stopConnectWorker();
        pipeline.stopParseApp();
        pipeline.startParseApp();
        pipeline.startConnectWorker();

        try {
            load.awaitLanded(pipeline, LANDING_TIMEOUT, System.out::println);
        } catch (java.util.concurrent.TimeoutException e) {
            System.out.println("Raw topics now: " + Landing.count(pipeline.bootstrapServers(),
                    List.copyOf(pipeline.rawTopics().values())));
            throw e;
        }
        expect(load);
        assertTopicsHoldExactly();
        pipeline.stopConnectWorker();
        try (Warehouse warehouse = Warehouse.open(pipeline.warehouseFile())) {
            assertWarehouseHoldsExactly(warehouse);
        } finally {
            pipeline.startConnectWorker();
        }
    }

    private static void expect(SampleLoad load) {
        load.expectedRows().forEach((topic, rows) -> landedRows.merge(topic, rows, Long::sum));
        deadLetters += load.expectedDeadLetters();
    }

    /** The parsed topics, read committed, hold each line once: exactly once from S3 through the parse app. */
    private static void assertTopicsHoldExactly() {
        List<String> topics = new ArrayList<>(landedRows.keySet());
        topics.add(pipeline.parseDeadLetterTopic());
        Map<String, Long> expected = new HashMap<>(landedRows);
        expected.put(pipeline.parseDeadLetterTopic(), deadLetters);
        assertThat(Landing.count(pipeline.bootstrapServers(), topics)).isEqualTo(expected);
    }

    private static void assertWarehouseHoldsExactly(Warehouse warehouse) throws Exception {
        Map<String, Long> expected = new HashMap<>();
        landedRows.forEach((topic, rows) -> expected.put(topic.toUpperCase(Locale.ROOT), rows));
        assertThat(warehouse.rowCounts()).isEqualTo(expected);
        for (String table : expected.keySet()) {
            assertThat(warehouse.distinctLines(table)).as("distinct lines of %s", table)
                    .isEqualTo(expected.get(table));
        }
    }

    /** Values as raw-tables.md names and types them, from the first data line of an object of each format. */
    private static void spotCheckValues(Warehouse warehouse, SampleLoad load) throws Exception {
        SampleObjects.Sample diagnostics = sample(load, SampleObjects.DIAGNOSTICS);
        String[] cloudFront = lines(diagnostics).get(2).split("\t"); // after #Version and #Fields
        String where = " WHERE SOURCE_FILE = 's3://" + diagnostics.bucket() + "/" + diagnostics.key()
                + "' AND SOURCE_LINE = 3";
        assertThat(warehouse.value("SELECT bytessent FROM DIAGNOSTICS.LOG_ENTRIES" + where))
                .isEqualTo(Long.parseLong(cloudFront[3]));
        assertThat(warehouse.value("SELECT uri FROM DIAGNOSTICS.LOG_ENTRIES" + where)).isEqualTo(cloudFront[7]);
        assertThat(warehouse.value("SELECT status FROM DIAGNOSTICS.LOG_ENTRIES" + where)).isEqualTo(cloudFront[8]);
        assertThat(warehouse.value("SELECT logdate FROM DIAGNOSTICS.LOG_ENTRIES" + where)).isEqualTo(cloudFront[0]);

        SampleObjects.Sample push = sample(load, SampleObjects.PUSH_PROXY_EU);
        String alb = lines(push).get(0);
        where = " WHERE SOURCE_FILE = 's3://" + push.bucket() + "/" + push.key() + "' AND SOURCE_LINE = 1";
        assertThat(warehouse.value("SELECT elb_status_code FROM PUSH_PROXY.LOGS_EU_NEW" + where))
                .isEqualTo(Integer.parseInt(alb.split(" ")[8]));
        assertThat(warehouse.value("SELECT type FROM PUSH_PROXY.LOGS_EU_NEW" + where)).isEqualTo(alb.split(" ")[0]);
        assertThat(alb).contains("\"" + warehouse.value("SELECT request FROM PUSH_PROXY.LOGS_EU_NEW" + where) + "\"");

        SampleObjects.Sample licenses = sample(load, SampleObjects.LICENSES);
        where = " WHERE SOURCE_FILE = 's3://" + licenses.bucket() + "/" + licenses.key() + "' AND SOURCE_LINE = 2";
        assertThat(warehouse.value("SELECT company FROM LICENSES.LICENSES" + where)).isEqualTo("Company 0, Inc.");
        assertThat(warehouse.value("SELECT issuedat FROM LICENSES.LICENSES" + where)).isEqualTo(1_700_000_000_000L);

        assertThat(warehouse.value("SELECT user_count FROM TELEMETRY.SECURITY_PINGS WHERE server_id = 'firstserver3'"))
                .isEqualTo(13L);
        assertThat(warehouse.value("SELECT enterprise_ready FROM TELEMETRY.SECURITY_PINGS"
                + " WHERE server_id = 'firstserver3'")).isEqualTo(false);
        assertThat(warehouse.value("SELECT user_agent FROM TELEMETRY.SECURITY_PINGS WHERE server_id = 'firstserver3'"))
                .as("pings came through the gateway").isEqualTo(SampleLoad.USER_AGENT);
        assertThat(warehouse.value("SELECT client_ip FROM TELEMETRY.SECURITY_PINGS WHERE server_id = 'firstserver3'"))
                .isEqualTo("127.0.0.1");
        assertThat(warehouse.value("SELECT count(*) FROM TELEMETRY.SECURITY_PINGS WHERE SOURCE_FILE LIKE 's3://%'"))
                .as("pings logged by CloudFront, told apart from the others by source_file")
                .isEqualTo(load.objects().stream().mapToLong(SampleObjects.Sample::pings).sum());
        assertThat(warehouse.value("SELECT count(*) FROM TELEMETRY.SECURITY_PINGS WHERE SOURCE_FILE LIKE 'kafka:%'"))
                .isEqualTo((long) load.pings().size() - 1);
        assertThat((String) warehouse.value("SELECT RECORD_METADATA::VARCHAR FROM TELEMETRY.SECURITY_PINGS LIMIT 1"))
                .contains("\"topic\":\"telemetry.security_pings\"", "\"SnowflakeConnectorPushTime\"");
    }

    private void awaitSomeParsed(String topic, long atLeast) throws Exception {
        Landing.await(pipeline.bootstrapServers(), Map.of(topic, atLeast), Map.of(), List.of(),
                LocalPipeline.SINK_GROUP, LANDING_TIMEOUT, line -> { });
    }

    private static SampleObjects.Sample sample(SampleLoad load, String table) {
        return load.objects().stream().filter(s -> s.table().equals(table)).findFirst().orElseThrow();
    }

    private static List<String> lines(SampleObjects.Sample sample) throws Exception {
        byte[] bytes = sample.bytes();
        if (sample.key().endsWith(".gz")) {
            try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
                bytes = in.readAllBytes();
            }
        }
        return List.of(new String(bytes, StandardCharsets.UTF_8).split("\r?\n"));
    }
}
