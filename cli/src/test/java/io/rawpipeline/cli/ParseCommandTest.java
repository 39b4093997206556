package io.rawpipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rawpipeline.raw.CloudFrontLogEntry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParseCommandTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final String LOG = """
            #Version: 1.0
            #Fields: date time x-edge-location sc-bytes c-ip cs-method cs(Referer) cs-uri-query time-to-first-byte
            2025-06-01\t10:00:00\tIAD89-C1\t1234\t192.0.2.10\tGET\t-\tid=abc&b=9.1.0\t0.002
            2025-06-01\t10:00:01\tFRA56-P5\t99\t2001:db8::1\tHEAD\thttps://example.com/\t-\t0.120
            """;

    @TempDir
    Path dir;

    @Test
    void printsOneTypedJsonObjectPerRecordWithSchemaKeysExceptIngestedAt() throws IOException {
        Path file = write("access.log", LOG.getBytes(StandardCharsets.UTF_8));

        CommandRun run = CommandRun.of("parse", "--format", "cloudfront", "--input", file.toString());

        assertThat(run.exitCode()).isZero();
        List<JsonNode> records = json(run.outLines());
        assertThat(records).hasSize(2);
        JsonNode first = records.get(0);
        assertThat(fieldNames(first)).containsExactlyElementsOf(CloudFrontLogEntry.getClassSchema().getFields().stream()
                .map(Schema.Field::name).filter(name -> !name.equals("ingested_at")).toList());
        assertThat(first.get("logdate").textValue()).isEqualTo("2025-06-01");
        assertThat(first.get("bytessent").isIntegralNumber()).isTrue();
        assertThat(first.get("bytessent").longValue()).isEqualTo(1234);
        assertThat(first.get("time_to_first_byte").isDouble()).isTrue();
        assertThat(first.get("time_to_first_byte").doubleValue()).isEqualTo(0.002);
        assertThat(first.get("cs_uri_query").textValue()).isEqualTo("id=abc&b=9.1.0");
        assertThat(first.get("creferrer").isNull()).isTrue();
        assertThat(first.get("host").isNull()).isTrue(); // not named by #Fields
        assertThat(first.get("source_file").textValue()).isEqualTo(file.toAbsolutePath().normalize().toString());
        assertThat(first.get("source_line").longValue()).isEqualTo(3);
        assertThat(records.get(1).get("cs_uri_query").isNull()).isTrue();
        assertThat(records.get(1).get("source_line").longValue()).isEqualTo(4);
        assertThat(run.err()).contains("4 lines: 2 records, 0 rejects, 2 directive lines in").contains("lines/s");
    }

    @Test
    void readsGzipRecognisedByItsMagicBytesEvenWhenNamedTxt() throws IOException {
        Path file = write("access.txt", gzip(LOG.getBytes(StandardCharsets.UTF_8)));

        CommandRun run = CommandRun.of("parse", "--format", "cloudfront", "--input", file.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(json(run.outLines())).extracting(node -> node.get("edge").textValue())
                .containsExactly("IAD89-C1", "FRA56-P5");
    }

    @Test
    void writesEachRejectedLineWithItsNumberReasonAndRawText() throws IOException {
        byte[] badUtf8 = "2025-06-01\t10:00:03\tIAD89-C1\t5\t192.0.2.1\tGET\t-\t\u00e9\t0.1\n".getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.write(LOG.getBytes(StandardCharsets.UTF_8));
        content.write("2025-06-01\t10:00:02\tIAD89-C1\tlots\t192.0.2.1\tGET\t-\t-\t0.1\n".getBytes(StandardCharsets.UTF_8));
        content.write(badUtf8);
        Path file = write("access.log", content.toByteArray());
        Path rejects = dir.resolve("rejects.jsonl");

        CommandRun run = CommandRun.of("parse", "--format", "cloudfront", "--input", file.toString(),
                "--rejects", rejects.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.outLines()).hasSize(2);
        List<JsonNode> rejected = json(Files.readAllLines(rejects).toArray(String[]::new));
        assertThat(rejected).hasSize(2);
        assertThat(rejected.get(0).get("line").longValue()).isEqualTo(5);
        assertThat(rejected.get(0).get("reason").textValue()).contains("sc-bytes").contains("lots");
        assertThat(rejected.get(0).get("raw").textValue())
                .isEqualTo("2025-06-01\t10:00:02\tIAD89-C1\tlots\t192.0.2.1\tGET\t-\t-\t0.1");
        assertThat(rejected.get(1).get("line").longValue()).isEqualTo(6);
        assertThat(rejected.get(1).get("reason").textValue()).contains("UTF-8");
        assertThat(rejected.get(1).get("raw").textValue()).contains("\t\uFFFD\t");
        assertThat(run.err()).contains("2 records, 2 rejects");
    }

    @Test
    void writesRejectsToStderrWhenNoRejectsFileIsGiven() throws IOException {
        Path file = write("access.log", (LOG + "not a log line\n").getBytes(StandardCharsets.UTF_8));

        CommandRun run = CommandRun.of("parse", "--format", "cloudfront", "--input", file.toString());

        assertThat(run.exitCode()).isZero();
        String[] errLines = run.err().split("\n");
        assertThat(MAPPER.readTree(errLines[0]).get("line").longValue()).isEqualTo(5);
        assertThat(errLines[errLines.length - 1]).contains("1 rejects");
    }

    @Test
    void parsesWithoutPrintingRecordsWhenOutputIsNone() throws IOException {
        Path file = write("access.log", LOG.getBytes(StandardCharsets.UTF_8));

        CommandRun run = CommandRun.of("parse", "--format", "cloudfront", "--input", file.toString(), "--output", "none");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("2 records");
    }

    @Test
    void failsWithOneLineMessageForMissingFile() {
        CommandRun run = CommandRun.of("parse", "--format", "cloudfront", "--input", dir.resolve("absent.log").toString());

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err().strip()).isEqualTo("pipeline parse: cannot read " + dir.resolve("absent.log")
                + ": no such file");
    }

    @Test
    void failsNamingTheLastLineReadForCorruptGzip() throws IOException {
        StringBuilder log = new StringBuilder(LOG);
        for (int i = 0; i < 2000; i++) {
            log.append("2025-06-01\t10:00:00\tIAD89-C1\t").append(i).append("\t192.0.2.10\tGET\t-\t-\t0.002\n");
        }
        byte[] compressed = gzip(log.toString().getBytes(StandardCharsets.UTF_8));
        Path file = write("access.log.gz", Arrays.copyOf(compressed, compressed.length / 2));

        CommandRun run = CommandRun.of("parse", "--format", "cloudfront", "--input", file.toString());

        assertThat(run.exitCode()).isNotZero();
        String lastErrLine = run.err().strip().lines().reduce((a, b) -> b).orElseThrow();
        long printed = run.outLines().length;
        assertThat(printed).isPositive();
        assertThat(lastErrLine).startsWith("pipeline parse: " + file + ": corrupt or truncated data after line "
                + (printed + 2) + " (");
        assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void rejectsUnknownFormatWithOneLineListingKnownFormats() {
        CommandRun run = CommandRun.of("parse", "--format", "weblog", "--input", "any.log");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines().toList()).singleElement().asString()
                .contains("unknown format 'weblog'; known formats: cloudfront, alb, license, ping")
                .contains("see 'pipeline parse --help'");
        assertThat(run.out()).isEmpty();
    }

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    private static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(compressed)) {
            out.write(content);
        }
        return compressed.toByteArray();
    }

    private static List<JsonNode> json(String[] lines) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : lines) {
            nodes.add(MAPPER.readTree(line));
        }
        return nodes;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
