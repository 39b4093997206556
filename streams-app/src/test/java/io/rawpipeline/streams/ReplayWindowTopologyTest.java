package io.rawpipeline.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rawpipeline.raw.CloudFrontLogEntry;
import io.rawpipeline.raw.DeadLetter;
import io.rawpipeline.streams.config.ParseAppConfig;
import io.rawpipeline.streams.replay.Replay;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/** The replay topology: the live one for one source, parsing only the raw records of its time window. */
class ReplayWindowTopologyTest {

    private static final Instant FROM = Instant.parse("2024-01-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2024-01-02T00:00:00Z");
    private static final String FIELDS = ParseTopologyTest.FIELDS;

    @Test
    void onlyRecordsWithATimestampInFromToAreParsedAndTheyAreCounted() {
        ReplayWindow window = new ReplayWindow(FROM, TO);
        ParseAppConfig config = new ParseAppConfig(Map.of(ParseAppConfig.SOURCES_CONFIG, "diagnostics"));
        try (TopologyTestDriver driver = driver(ParseTopology.build(config, PlainAvro.SERIALIZER,
                Clock.fixed(ParseTopologyTest.NOW, ZoneOffset.UTC), window))) {
            TestInputTopic<byte[], byte[]> raw = driver.createInputTopic("raw.diagnostics",
                    new ByteArraySerializer(), new ByteArraySerializer());
            send(raw, 1, FROM.minusMillis(1), "2024-05-01\t10:00:00\t1\t/before\t200");
            send(raw, 2, FROM, "2024-05-01\t10:00:00\t2\t/first\t200");
            send(raw, 3, TO.minusMillis(1), "2024-05-01\t10:00:00\t3\t/last\t200");
            send(raw, 4, FROM.plusSeconds(60), "2024-05-01\t10:00:00\tmany\t/bad\t200");
            send(raw, 5, TO, "2024-05-01\t10:00:00\t5\t/after\t200");

            List<TestRecord<byte[], byte[]>> rows = driver.createOutputTopic("diagnostics.log_entries",
                    new ByteArrayDeserializer(), new ByteArrayDeserializer()).readRecordsToList();
            assertThat(rows).extracting(r -> PlainAvro.read(r.value(), CloudFrontLogEntry.class).getUri())
                    .containsExactly("/first", "/last");
            assertThat(rows).extracting(TestRecord::getRecordTime)
                    .as("the parsed record keeps the raw record's timestamp")
                    .containsExactly(FROM, TO.minusMillis(1));
            List<TestRecord<byte[], byte[]>> letters = driver.createOutputTopic("dead-letters.parse",
                    new ByteArrayDeserializer(), new ByteArrayDeserializer()).readRecordsToList();
            assertThat(letters).extracting(r -> PlainAvro.read(r.value(), DeadLetter.class).getSourceLine())
                    .containsExactly(4L);
            assertThat(window.rows()).isEqualTo(2);
            assertThat(window.deadLetters()).isEqualTo(1);
            assertThat(window.outside()).isEqualTo(2);
        }
    }

    @Test
    void theLiveTopologyIsUnchangedAndTheReplayOneHasNoStateOrRepartitionTopic() {
        ParseAppConfig config = new ParseAppConfig(Map.of());
        String live = ParseTopology.build(config, PlainAvro.SERIALIZER, Clock.systemUTC()).describe().toString();
        assertThat(live).doesNotContain("window-");
        String replay = ParseTopology.build(new ParseAppConfig(Map.of(ParseAppConfig.SOURCES_CONFIG, "diagnostics")),
                PlainAvro.SERIALIZER, Clock.systemUTC(), new ReplayWindow(FROM, TO)).describe().toString();
        assertThat(replay).contains("window-diagnostics").doesNotContain("raw.releases", "repartition")
                .doesNotContainPattern("stores: \\[[^\\]]");
    }

    @Test
    void theApplicationIdNamesSourceAndRangeAndAnEmptyRangeIsRefused() {
        assertThat(Replay.applicationId("diagnostics", FROM, TO))
                .isEqualTo("rawpipeline-replay-diagnostics-2024-01-01t000000z-2024-01-02t000000z");
        assertThat(Replay.applicationId("diagnostics", FROM, null))
                .isEqualTo("rawpipeline-replay-diagnostics-2024-01-01t000000z-now");
        assertThatThrownBy(() -> new ReplayWindow(TO, FROM)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void send(TestInputTopic<byte[], byte[]> raw, long line, Instant timestamp, String text) {
        raw.pipeInput(new TestRecord<>("s3://cf/a.gz".getBytes(StandardCharsets.UTF_8),
                text.getBytes(StandardCharsets.UTF_8), ParseTopologyTest.headers("s3://cf/a.gz", line, FIELDS),
                timestamp));
    }

    private static TopologyTestDriver driver(org.apache.kafka.streams.Topology topology) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "replay-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        return new TopologyTestDriver(topology, props);
    }
}
