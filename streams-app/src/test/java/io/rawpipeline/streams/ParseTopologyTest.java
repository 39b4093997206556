package io.rawpipeline.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rawpipeline.formats.RawLineHeaders;
import io.rawpipeline.raw.AlbLogEntry;
import io.rawpipeline.raw.CloudFrontLogEntry;
import io.rawpipeline.raw.DeadLetter;
import io.rawpipeline.raw.License;
import io.rawpipeline.raw.SecurityPing;
import io.rawpipeline.streams.config.ParseAppConfig;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ParseTopologyTest {

    static final String FIELDS = "#Fields: date time sc-bytes cs-uri-stem sc-status";
    static final String ALB_LINE = "https 2024-05-01T10:00:00.000000Z app/push/1 1.2.3.4:5 10.0.0.1:80 0.001 0.002 "
            + "0.000 200 200 100 200 \"POST https://push.example.com:443/api/v1/send_push HTTP/1.1\" \"Go\" "
            + "ECDHE TLSv1.2 arn:tg \"Root=1\" \"push.example.com\" \"arn:cert\" 1 2024-05-01T10:00:00.000000Z "
            + "\"forward\" \"-\" \"-\" \"10.0.0.1:80\" \"200\" \"-\" \"-\"";
    static final Instant NOW = Instant.parse("2024-05-02T00:00:00Z");

    private TopologyTestDriver driver;

    @BeforeEach
    void start() {
        ParseAppConfig config = new ParseAppConfig(Map.of());
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "parse-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(
                ParseTopology.build(config, PlainAvro.SERIALIZER, Clock.fixed(NOW, ZoneOffset.UTC)), props);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void aDiagnosticsLineThatRequestsSecurityIsAlsoAPingInTheTelemetryTable() {
        String fields = "#Fields: date time c-ip cs-uri-stem cs-uri-query cs(User-Agent)";
        send("raw.diagnostics", "2024-05-01\t10:00:00\t192.0.2.7\t/security\tid=s1&uc=5&be=true\tMM/9.11%20(linux)",
                headers("s3://cf/p.gz", 2, fields));
        send("raw.diagnostics", "2024-05-01\t10:00:01\t192.0.2.8\t/security\tid=s2&uc=many\tcurl",
                headers("s3://cf/p.gz", 3, fields));
        send("raw.diagnostics", "2024-05-01\t10:00:02\t192.0.2.9\t/robots.txt\t-\tcurl",
                headers("s3://cf/p.gz", 4, fields));
        send("raw.releases", "2024-05-01\t10:00:03\t192.0.2.9\t/security\tid=s3\tcurl",
                headers("s3://rel/q.gz", 2, fields));

        assertThat(output("diagnostics.log_entries").readRecordsToList()).as("every line is a log entry").hasSize(3);
        List<TestRecord<byte[], byte[]>> pings = output("telemetry.security_pings").readRecordsToList();
        assertThat(pings).as("one ping: the other /security line's does not parse; releases derive none")
                .hasSize(1);
        SecurityPing ping = PlainAvro.read(pings.get(0).value(), SecurityPing.class);
        assertThat(ping.getServerId()).isEqualTo("s1");
        assertThat(ping.getUserCount()).isEqualTo(5L);
        assertThat(ping.getReceivedAt()).isEqualTo(Instant.parse("2024-05-01T10:00:00Z"));
        assertThat(ping.getClientIp()).isEqualTo("192.0.2.7");
        assertThat(ping.getUserAgent()).isEqualTo("MM/9.11 (linux)");
        assertThat(ping.getSourceFile()).isEqualTo("s3://cf/p.gz");
        assertThat(ping.getSourceLine()).isEqualTo(2L);
        assertThat(header(pings.get(0), RawLineHeaders.TABLE)).isEqualTo("telemetry.security_pings");
        DeadLetter letter = PlainAvro.read(output("dead-letters.parse").readValue(), DeadLetter.class);
        assertThat(letter.getReason()).contains("/security", "uc", "many");
        assertThat(letter.getSourceLine()).isEqualTo(3L);
        assertThat(output("dead-letters.parse").isEmpty()).isTrue();
        assertThat(deadLettersCounted("diagnostics", "ping")).isEqualTo(1);
        assertThat(deadLettersCounted("diagnostics", "line")).isZero();
    }

    @Test
    void cloudFrontLinesBecomeRowsOfTheirSourcesTableWithTheirProvenance() {
        send("raw.diagnostics", "#Version: 1.0", headers("s3://cf/a.gz", 1, null));
        send("raw.diagnostics", FIELDS, headers("s3://cf/a.gz", 2, null));
        send("raw.diagnostics", "2024-05-01\t10:00:00\t512\t/security\t200", headers("s3://cf/a.gz", 3, FIELDS));
        send("raw.releases", "2024-05-01\t10:00:01\t-\t/download\t000", headers("s3://rel/b.gz", 3, FIELDS));

        List<TestRecord<byte[], byte[]>> diagnostics = output("diagnostics.log_entries").readRecordsToList();
        List<TestRecord<byte[], byte[]>> releases = output("releases.log_entries").readRecordsToList();

        assertThat(diagnostics).hasSize(1);
        CloudFrontLogEntry entry = PlainAvro.read(diagnostics.get(0).value(), CloudFrontLogEntry.class);
        assertThat(entry.getUri()).isEqualTo("/security");
        assertThat(entry.getBytessent()).isEqualTo(512L);
        assertThat(entry.getSourceFile()).isEqualTo("s3://cf/a.gz");
        assertThat(entry.getSourceLine()).isEqualTo(3L);
        assertThat(entry.getIngestedAt()).isEqualTo(Instant.ofEpochMilli(1_714_557_600_000L));
        assertThat(header(diagnostics.get(0), RawLineHeaders.SOURCE_LINE)).isEqualTo("3");
        assertThat(diagnostics.get(0).headers().lastHeader(RawLineHeaders.COLUMNS)).isNull();
        assertThat(new String(diagnostics.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("s3://cf/a.gz");
        assertThat(PlainAvro.read(releases.get(0).value(), CloudFrontLogEntry.class).getStatus()).isEqualTo("000");
        assertThat(output("dead-letters.parse").isEmpty()).isTrue();
    }

    @Test
    void aLineThatDoesNotParseBecomesADeadLetterWithItsBytesReasonAndProvenance() {
        RecordHeaders headers = headers("s3://cf/a.gz", 7, FIELDS);
        send("raw.diagnostics", "2024-05-01\t10:00:00\tmany\t/security\t200", headers);

        DeadLetter letter = PlainAvro.read(output("dead-letters.parse").readValue(), DeadLetter.class);

        assertThat(letter.getStage()).isEqualTo("parse");
        assertThat(letter.getSource()).isEqualTo("diagnostics");
        assertThat(letter.getReason()).isEqualTo("sc-bytes: 'many' is not a whole number");
        assertThat(StandardCharsets.UTF_8.decode(letter.getRaw()).toString())
                .isEqualTo("2024-05-01\t10:00:00\tmany\t/security\t200");
        assertThat(letter.getRawHeaders()).containsEntry(RawLineHeaders.COLUMNS, FIELDS);
        assertThat(letter.getTopic()).isEqualTo("raw.diagnostics");
        assertThat(letter.getOffset()).isZero();
        assertThat(letter.getSourceFile()).isEqualTo("s3://cf/a.gz");
        assertThat(letter.getSourceLine()).isEqualTo(7L);
        assertThat(letter.getRejectedAt()).isEqualTo(NOW);
        assertThat(output("diagnostics.log_entries").isEmpty()).isTrue();
        assertThat(deadLettersCounted("diagnostics", "line")).isEqualTo(1);
        assertThat(deadLettersCounted("releases", "line")).as("another source's count").isZero();
    }

    @Test
    void albLinesGoToTheTableTheirHeaderNamesAndAnUnknownTableIsADeadLetter() {
        RecordHeaders eu = headers("s3://alb/x.log.gz", 1, null);
        eu.add(RawLineHeaders.TABLE, "push_proxy.logs_eu_new".getBytes(StandardCharsets.UTF_8));
        RecordHeaders unknown = headers("s3://alb/x.log.gz", 2, null);
        unknown.add(RawLineHeaders.TABLE, "push_proxy.logs_mars".getBytes(StandardCharsets.UTF_8));
        send("raw.push-proxy", ALB_LINE, eu);
        send("raw.push-proxy", ALB_LINE, unknown);
        send("raw.push-proxy", ALB_LINE, headers("s3://alb/x.log.gz", 3, null));

        assertThat(PlainAvro.read(output("push_proxy.logs_eu_new").readValue(), AlbLogEntry.class).getSentBytes())
                .isEqualTo(200L);
        assertThat(output("push_proxy.logs_us_new").isEmpty()).isTrue();
        List<String> reasons = output("dead-letters.parse").readValuesToList().stream()
                .map(v -> PlainAvro.read(v, DeadLetter.class).getReason()).toList();
        assertThat(reasons).containsExactly(
                "header rawpipeline.table: 'push_proxy.logs_mars' is not a table of source push-proxy "
                        + "(push_proxy.logs_us_new, push_proxy.logs_eu_new, push_proxy.logs_test_new)",
                "no rawpipeline.table header, and source push-proxy feeds several tables: "
                        + "push_proxy.logs_us_new, push_proxy.logs_eu_new, push_proxy.logs_test_new");
    }

    @Test
    void licenseRowsReadTheHeaderFromTheirRecordAndPingsTheirClient() {
        send("raw.licenses", "l-1,\"Acme, Inc.\",7", headers("s3://exports/l.csv", 2, "licenseid,company,number"));
        RecordHeaders ping = headers("http:gateway", 1, null);
        ping.add(RawLineHeaders.CLIENT_IP, "203.0.113.9".getBytes(StandardCharsets.UTF_8));
        send("raw.telemetry", "id=srv1&uc=10&be=false", ping);

        License license = PlainAvro.read(output("licenses.licenses").readValue(), License.class);
        SecurityPing parsed = PlainAvro.read(output("telemetry.security_pings").readValue(), SecurityPing.class);

        assertThat(license.getCompany()).isEqualTo("Acme, Inc.");
        assertThat(license.getNumber()).isEqualTo(7L);
        assertThat(parsed.getServerId()).isEqualTo("srv1");
        assertThat(parsed.getClientIp()).isEqualTo("203.0.113.9");
        assertThat(parsed.getEnterpriseReady()).isFalse();
    }

    @Test
    void aRecordWithoutProvenanceHeadersIsIdentifiedByItsPlaceInTheRawTopic() {
        driver.createInputTopic("raw.telemetry", new ByteArraySerializer(), new ByteArraySerializer())
                .pipeInput(new TestRecord<>(null, "id=srv2".getBytes(StandardCharsets.UTF_8), null,
                        Instant.ofEpochMilli(5)));

        SecurityPing parsed = PlainAvro.read(output("telemetry.security_pings").readValue(), SecurityPing.class);

        assertThat(parsed.getSourceFile()).isEqualTo("kafka:raw.telemetry/0");
        assertThat(parsed.getSourceLine()).isEqualTo(1L);
        assertThat(parsed.getIngestedAt()).isEqualTo(Instant.ofEpochMilli(5));
    }

    @Test
    void badProvenanceHeadersAndTombstonesAreDeadLetters() {
        RecordHeaders bad = headers("s3://cf/a.gz", 1, FIELDS);
        bad.remove(RawLineHeaders.SOURCE_LINE);
        bad.add(RawLineHeaders.SOURCE_LINE, "seven".getBytes(StandardCharsets.UTF_8));
        send("raw.diagnostics", "2024-05-01\t10:00:00\t1\t/\t200", bad);
        driver.createInputTopic("raw.diagnostics", new ByteArraySerializer(), new ByteArraySerializer())
                .pipeInput(new TestRecord<>("k".getBytes(StandardCharsets.UTF_8), null,
                        headers("s3://cf/a.gz", 2, FIELDS), NOW));

        List<String> reasons = output("dead-letters.parse").readValuesToList().stream()
                .map(v -> PlainAvro.read(v, DeadLetter.class).getReason()).toList();

        assertThat(reasons).containsExactly("header rawpipeline.source-line: 'seven' is not a whole number",
                "the record has no value (a tombstone), so no line to parse");
        assertThat(deadLettersCounted("diagnostics", "record")).isEqualTo(2);
    }

    @Test
    void sourcesAndTopicsAreConfiguration() {
        ParseAppConfig config = new ParseAppConfig(Map.of("sources", "cdn", "source.cdn.format", "cloudfront",
                "source.cdn.topic", "raw.cdn", "source.cdn.tables", "cdn.log_entries", "dead.letter.topic", "dlq"));

        assertThat(TopicCreator.topicsOf(config)).containsExactly("raw.cdn", "cdn.log_entries", "dlq");
        assertThat(TopicCreator.topicsOf(new ParseAppConfig(Map.of()))).hasSize(13);
        assertThatThrownBy(() -> new ParseAppConfig(Map.of("sources", "cdn")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("source cdn (keys source.cdn.*)")
                .hasMessageContaining("format");
        assertThatThrownBy(() -> new ParseAppConfig(Map.of("source.diagnostics.format", "xml")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("xml");
    }

    /** The parse app's dead-letter count of a source and kind, as /metrics shows it (0 when never counted). */
    private double deadLettersCounted(String source, String kind) {
        return driver.metrics().entrySet().stream()
                .filter(e -> e.getKey().name().equals("dead-letters-total")
                        && source.equals(e.getKey().tags().get("source"))
                        && kind.equals(e.getKey().tags().get("kind")))
                .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue())
                .sum();
    }

    private void send(String topic, String line, RecordHeaders headers) {
        TestInputTopic<byte[], byte[]> input =
                driver.createInputTopic(topic, new ByteArraySerializer(), new ByteArraySerializer());
        String key = new String(headers.lastHeader(RawLineHeaders.SOURCE_FILE).value(), StandardCharsets.UTF_8);
        input.pipeInput(new TestRecord<>(key.getBytes(StandardCharsets.UTF_8),
                line.getBytes(StandardCharsets.UTF_8), headers, NOW));
    }

    private TestOutputTopic<byte[], byte[]> output(String topic) {
        return driver.createOutputTopic(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    static RecordHeaders headers(String file, long line, String columns) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(RawLineHeaders.SOURCE_FILE, file.getBytes(StandardCharsets.UTF_8));
        headers.add(RawLineHeaders.SOURCE_LINE, Long.toString(line).getBytes(StandardCharsets.UTF_8));
        headers.add(RawLineHeaders.INGESTED_AT, "1714557600000".getBytes(StandardCharsets.UTF_8));
        if (columns != null) {
            headers.add(RawLineHeaders.COLUMNS, columns.getBytes(StandardCharsets.UTF_8));
        }
        return headers;
    }

    private static String header(TestRecord<byte[], byte[]> record, String key) {
        return new String(record.headers().lastHeader(key).value(), StandardCharsets.UTF_8);
    }
}
