package io.rawpipeline.cli.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rawpipeline.cli.CommandRun;
import io.rawpipeline.local.pipeline.LocalPipelineTest;
import io.rawpipeline.local.pipeline.SampleLoad;
import io.rawpipeline.local.samples.SampleObjects;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code pipeline status} on the real pipeline ({@link io.rawpipeline.local.pipeline.LocalPipeline}), found from its
 * data folder: healthy with every table landed and its dead letters by reason; degraded with the parse app stopped;
 * unreachable when nothing answers.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StatusIT extends LocalPipelineTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    @Order(1)
    void everyTableIsFreshWithItsRowsAndTheDeadLettersAreCountedByReason() throws Exception {
        SampleLoad load = SampleLoad.of("status", 1, 25, 5);
        load.send(pipeline);
        load.awaitLanded(pipeline, Duration.ofMinutes(3), line -> { });

        CommandRun run = CommandRun.of("status", "--data-dir", dataDir.toString(), "--json");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        JsonNode status = JSON.readTree(run.out());
        assertThat(status.get("health").asText()).isEqualTo("HEALTHY");
        assertThat(status.get("parseApp").asText()).isEqualTo("RUNNING");
        assertThat(status.get("parseLag").asLong()).isZero();
        List<String> tables = new ArrayList<>();
        for (JsonNode table : status.get("tables")) {
            String name = table.get("table").asText();
            tables.add(name);
            assertThat(table.get("sinkLag").asLong()).as(name).isZero();
            assertThat(table.get("sinks").get(0).asText()).as(name).isEqualTo("warehouse-sink");
            assertThat(table.get("newestLanded").isNull()).as(name).isFalse();
            assertThat(table.get("landedLastHour").asLong()).as(name)
                    .isEqualTo(load.expectedRows().get(name));
            assertThat(table.get("landedLastMinute").asLong()).as(name).isPositive();
        }
        assertThat(tables).containsExactlyInAnyOrderElementsOf(load.expectedRows().keySet());
        long parseDeadLetters = 0;
        for (JsonNode group : status.get("deadLetters")) {
            if (group.get("topic").asText().equals("dead-letters.parse")) {
                parseDeadLetters += group.get("count").asLong();
                assertThat(group.get("reason").asText()).isNotBlank();
            }
        }
        assertThat(parseDeadLetters).isEqualTo(load.expectedDeadLetters());
        assertThat(status.get("objectsInProgress").asLong()).isZero();
        assertThat(status.get("notificationsWaiting").asLong()).isZero();

        CommandRun text = CommandRun.of("status", "--data-dir", dataDir.toString());
        assertThat(text.out()).contains("HEALTHY", SampleObjects.DIAGNOSTICS, "warehouse-sink", "dead-letters.parse");
    }

    @Test
    @Order(2)
    void aStoppedParseAppMakesItDegraded() throws Exception {
        pipeline.stopParseApp();
        try {
            CommandRun run = CommandRun.of("status", "--data-dir", dataDir.toString(), "--json");
            assertThat(run.exitCode()).isEqualTo(1);
            JsonNode status = JSON.readTree(run.out());
            assertThat(status.get("health").asText()).isEqualTo("DEGRADED");
            assertThat(status.get("problems").toString()).contains("the parse app is NOT_ANSWERING");
        } finally {
            pipeline.startParseApp();
        }
    }

    @Test
    @Order(3)
    void nothingAnsweringIsUnreachable() {
        CommandRun run = CommandRun.of("status", "--bootstrap-servers", "127.0.0.1:1", "--registry",
                "http://127.0.0.1:1", "--connect-url", "http://127.0.0.1:1");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).contains("UNREACHABLE", "does not answer");
    }
}
