package io.rawpipeline.cli.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.rawpipeline.cli.replay.ReplayCommand;
import io.rawpipeline.local.pipeline.Landing;
import io.rawpipeline.local.pipeline.LocalPipeline;
import io.rawpipeline.local.pipeline.LocalPipelineTest;
import io.rawpipeline.local.pipeline.SampleLoad;
import io.rawpipeline.local.pipeline.Warehouse;
import io.rawpipeline.local.samples.SampleObjects;
import io.rawpipeline.streams.replay.Replay;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import picocli.CommandLine;

/**
 * {@code pipeline replay} on the real pipeline ({@link LocalPipeline}): while everything keeps running, one source's
 * raw topic is parsed again; the parsed topic then holds every record twice, and the warehouse still holds exactly
 * one row per source line, each now from the replayed record (re-landed, not skipped).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplayIT extends LocalPipelineTest {

    private static final Duration TIMEOUT = Duration.ofMinutes(4);

    @Test
    @Order(1)
    void replayingASourceReLandsEachLineOnceInTheWarehouse() throws Exception {
        SampleLoad load = SampleLoad.of("replay", 2, 400, 10);
        load.send(pipeline);
        load.awaitLanded(pipeline, TIMEOUT, System.out::println);
        String topic = SampleObjects.DIAGNOSTICS;
        long rows = load.expectedRows().get(topic);
        String pingsTable = SampleObjects.SECURITY_PINGS.toUpperCase(Locale.ROOT);
        long pings;
        pipeline.stopConnectWorker();
        try (Warehouse warehouse = Warehouse.open(pipeline.warehouseFile())) {
            pings = ((Number) warehouse.value("SELECT count(*) FROM " + pingsTable)).longValue();
        } finally {
            pipeline.startConnectWorker();
        }
        Map<TopicPartition, Long> before = Landing.endOffsets(pipeline.bootstrapServers(), List.of(topic));
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", pipeline.bootstrapServers()))) {
            ConfigResource raw = new ConfigResource(ConfigResource.Type.TOPIC, pipeline.rawTopics().get("diagnostics"));
            assertThat(admin.describeConfigs(List.of(raw)).all().get().get(raw).get("retention.ms").value())
                    .as("the parse app creates raw topics with a long retention: the replay's source")
                    .isEqualTo(String.valueOf(30L * 24 * 60 * 60 * 1000));
        }

        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new ReplayCommand());
        command.setErr(new PrintWriter(err, true));
        long started = System.nanoTime();
        int exit = command.execute("--source", "diagnostics", "--from", "2000-01-01T00:00:00Z",
                "--bootstrap-servers", pipeline.bootstrapServers(), "--registry", pipeline.registryUrl());
        System.out.println(err);
        System.out.printf("replay took %.1f s%n", (System.nanoTime() - started) / 1e9);
        assertThat(exit).as(err.toString()).isZero();
        assertThat(err.toString()).contains("done", "Done in", "0 outside the range skipped");

        Landing.await(pipeline.bootstrapServers(), Map.of(topic, 2 * rows), Map.of(), List.of(topic),
                LocalPipeline.SINK_GROUP, TIMEOUT, System.out::println);
        assertThat(Landing.count(pipeline.bootstrapServers(), List.of(topic)))
                .as("the parsed topic holds each line twice: the live parse and the replay")
                .isEqualTo(Map.of(topic, 2 * rows));
        try (var admin = org.apache.kafka.clients.admin.Admin.create(
                Map.<String, Object>of("bootstrap.servers", pipeline.bootstrapServers()))) {
            assertThat(admin.listConsumerGroups().all().get()).extracting(ConsumerGroupListing::groupId)
                    .as("a finished replay removes its group").noneMatch(id -> id.startsWith("rawpipeline-replay-"));
        }

        pipeline.stopConnectWorker();
        try (Warehouse warehouse = Warehouse.open(pipeline.warehouseFile())) {
            String table = topic.toUpperCase(Locale.ROOT);
            assertThat(warehouse.value("SELECT count(*) FROM " + table)).isEqualTo(rows);
            assertThat(warehouse.distinctLines(table)).isEqualTo(rows);
            for (Map.Entry<TopicPartition, Long> partition : before.entrySet()) {
                assertThat(warehouse.value("SELECT count(*) FROM " + table
                        + " WHERE CAST(json_extract(RECORD_METADATA, '$.partition') AS INTEGER) = "
                        + partition.getKey().partition()
                        + " AND CAST(json_extract(RECORD_METADATA, '$.offset') AS BIGINT) < " + partition.getValue()))
                        .as("rows of partition %s still from the live parse", partition.getKey())
                        .isEqualTo(0L);
            }
            assertThat(warehouse.value("SELECT count(*) FROM " + pingsTable))
                    .as("the pings the diagnostics lines record were replayed too, once each").isEqualTo(pings);
            assertThat(warehouse.distinctLines(pingsTable)).isEqualTo(pings);
        } finally {
            pipeline.startConnectWorker();
        }
    }

    /** A run finds the group's committed offsets of an earlier, interrupted run with the same arguments. */
    @Test
    @Order(2)
    void theSameCommandResumesFromTheGroupsCommittedOffsets() throws Exception {
        Instant from = Instant.parse("2000-01-01T00:00:00Z");
        Instant to = Instant.parse("2100-01-01T00:00:00Z");
        String group = Replay.applicationId("diagnostics", from, to);
        String raw = pipeline.rawTopics().get("diagnostics");
        Map<TopicPartition, OffsetAndMetadata> atEnd = new HashMap<>();
        Landing.endOffsets(pipeline.bootstrapServers(), List.of(raw))
                .forEach((partition, end) -> atEnd.put(partition, new OffsetAndMetadata(end)));
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", pipeline.bootstrapServers()))) {
            // as an interrupted run leaves it, here one that had got to the end
            admin.alterConsumerGroupOffsets(group, atEnd).all().get();
        }
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new ReplayCommand());
        command.setErr(new PrintWriter(err, true));
        int exit = command.execute("--source", "diagnostics", "--from", from.toString(), "--to", to.toString(),
                "--bootstrap-servers", pipeline.bootstrapServers(), "--registry", pipeline.registryUrl());
        System.out.println(err);
        assertThat(exit).as(err.toString()).isZero();
        assertThat(err.toString()).as("resumed at the committed offsets, not at --from")
                .contains("as " + group, "Done (resumed)", " 0 rows and 0 dead letters written");
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", pipeline.bootstrapServers()))) {
            assertThat(admin.listConsumerGroups().all().get()).extracting(ConsumerGroupListing::groupId)
                    .doesNotContain(group);
        }
    }
}
