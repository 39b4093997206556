package io.rawpipeline.cli.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.rawpipeline.cli.CommandRun;
import io.rawpipeline.streams.replay.Replay;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class ReplayCommandTest {

    @Test
    void anEmptyRangeIsRefusedBeforeAnythingIsContacted() {
        CommandRun run = CommandRun.of("replay", "--source", "diagnostics", "--from", "2024-02-01T00:00:00Z",
                "--to", "2024-01-01T00:00:00Z", "--bootstrap-servers", "127.0.0.1:1");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("must be before");
    }

    @Test
    void aMissingSourceOrABadInstantIsAUsageError() {
        assertThat(CommandRun.of("replay", "--from", "2024-01-01T00:00:00Z").exitCode()).isEqualTo(2);
        assertThat(CommandRun.of("replay", "--source", "diagnostics", "--from", "yesterday").exitCode()).isEqualTo(2);
    }

    @Test
    void theProgressLineShowsTotalsPartitionsRateAndEta() {
        TopicPartition p0 = new TopicPartition("raw.diagnostics", 0);
        TopicPartition p1 = new TopicPartition("raw.diagnostics", 1);
        String line = ReplayCommand.line(new Replay.Progress(ordered(p0, 500L, p1, 1000L),
                ordered(p0, 1000L, p1, 1000L), 100.0, Duration.ofSeconds(15), 1400, 3,
                false));
        assertThat(line).startsWith("1,500 / 2,000 records")
                .contains("p0 500/1,000", "p1 1,000/1,000", "100 lines/s", "ETA 5 s", "1,400 rows", "3 dead letters");
    }

    private static Map<TopicPartition, Long> ordered(TopicPartition a, long x, TopicPartition b, long y) {
        Map<TopicPartition, Long> map = new java.util.LinkedHashMap<>();
        map.put(a, x);
        map.put(b, y);
        return map;
    }
}
