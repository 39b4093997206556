package io.rawpipeline.formats.cloudfront;

import static org.assertj.core.api.Assertions.assertThat;

import io.rawpipeline.formats.Line;
import io.rawpipeline.formats.Origin;
import io.rawpipeline.formats.ParseResult;
import static io.rawpipeline.formats.SampleLines.*;
import io.rawpipeline.raw.CloudFrontLogEntry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CloudFrontLineParserTest {



    static final Origin ORIGIN = Origin.of("s3://logs/cf/E2.2019-12-04-21.abcd.gz", Instant.parse("2024-05-01T00:00:00Z"));

    private final CloudFrontLineParser parser = new CloudFrontLineParser();

    @Test
    void readsTheAwsDocumentationExample() {
        CloudFrontLogEntry entry = parsed(CLOUDFRONT_FIELDS_33, CLOUDFRONT_AWS_EXAMPLE);

        assertThat(entry.getLogdate()).isEqualTo("2019-12-04");
        assertThat(entry.getLogtime()).isEqualTo("21:02:31");
        assertThat(entry.getEdge()).isEqualTo("LAX1-C3");
        assertThat(entry.getBytessent()).isEqualTo(392L);
        assertThat(entry.getCip()).isEqualTo("192.0.2.100");
        assertThat(entry.getUri()).isEqualTo("/index.html");
        assertThat(entry.getStatus()).isEqualTo("200");
        assertThat(entry.getCreferrer()).isNull();
        assertThat(entry.getUseragent()).startsWith("Mozilla/5.0%20(Windows%20NT%2010.0;");
        assertThat(entry.getCsBytes()).isEqualTo(23L);
        assertThat(entry.getTimeTaken()).isEqualTo("0.001");
        assertThat(entry.getSslCipher()).isEqualTo("ECDHE-RSA-AES128-GCM-SHA256");
        assertThat(entry.getCPort()).isEqualTo(11040L);
        assertThat(entry.getTimeToFirstByte()).isEqualTo(0.001);
        assertThat(entry.getScContentType()).isEqualTo("text/html");
        assertThat(entry.getScContentLen()).isEqualTo(78L);
        assertThat(entry.getScRangeStart()).isNull();
        assertThat(entry.getSourceFile()).isEqualTo(ORIGIN.sourceFile());
        assertThat(entry.getSourceLine()).isEqualTo(3L);
        assertThat(entry.getIngestedAt()).isEqualTo(ORIGIN.ingestedAt());
    }

    @Test
    void readsFilesOfEveryGeneration() {
        String line24 = String.join("\t", java.util.Arrays.copyOf(CLOUDFRONT_AWS_EXAMPLE.split("\t"), 24));
        String line26 = String.join("\t", java.util.Arrays.copyOf(CLOUDFRONT_AWS_EXAMPLE.split("\t"), 26));

        CloudFrontLogEntry of2017 = parsed(CLOUDFRONT_FIELDS_24, line24);
        CloudFrontLogEntry of2019 = parsed(CLOUDFRONT_FIELDS_26, line26);

        assertThat(of2017.getCsProtocolVersion()).isEqualTo("HTTP/2.0");
        assertThat(of2017.getFileStatus()).isNull();
        assertThat(of2017.getCPort()).isNull();
        assertThat(of2019.getXEdgeResponseResultType()).isEqualTo("Hit");
        assertThat(of2019.getCPort()).isNull();
    }

    @Test
    void theFieldsDirectiveDecidesTheColumnsInAnyOrder() {
        CloudFrontLogEntry entry = parsed("#Fields: sc-status cs-uri-stem date sc-bytes", "000\t/security\t2024-01-02\t0");

        assertThat(entry.getStatus()).isEqualTo("000");
        assertThat(entry.getUri()).isEqualTo("/security");
        assertThat(entry.getLogdate()).isEqualTo("2024-01-02");
        assertThat(entry.getBytessent()).isZero();
        assertThat(entry.getLogtime()).isNull();
    }

    @Test
    void ignoresFieldsTheSchemaDoesNotKnowYet() {
        CloudFrontLogEntry entry = parsed(CLOUDFRONT_FIELDS_33 + " x-future-field another-one", CLOUDFRONT_AWS_EXAMPLE + "\tsomething\t42");

        assertThat(entry.getScContentLen()).isEqualTo(78L);
    }

    @Test
    void aTrailingTabIsNotAField() {
        assertThat(parsed(CLOUDFRONT_FIELDS_33, CLOUDFRONT_AWS_EXAMPLE + "\t").getScRangeEnd()).isNull();
    }

    @Test
    void keepsTextExactlyAsWritten() {
        String line = CLOUDFRONT_AWS_EXAMPLE.replace("\t-\t-\tHit\t", "\tid=abc%3D&b=7.1\tsession%3D1\tHit\t");

        CloudFrontLogEntry entry = parsed(CLOUDFRONT_FIELDS_33, line);

        assertThat(entry.getCsUriQuery()).isEqualTo("id=abc%3D&b=7.1");
        assertThat(entry.getCookie()).isEqualTo("session%3D1");
    }

    @Test
    void everyLineGetsItsOwnValuesWhetherTheyRepeatOrChange() {
        for (int i = 0; i < 600; i++) {
            String edge = i % 7 == 0 ? "LAX1-C3" : "IAD89-C" + (i % 3);
            String uri = i < 300 ? "/security" : "/download/é" + i;
            CloudFrontLogEntry entry = parsed("#Fields: x-edge-location cs-uri-stem time-to-first-byte",
                    edge + "\t" + uri + "\t0." + i);

            assertThat(entry.getEdge()).isEqualTo(edge);
            assertThat(entry.getUri()).isEqualTo(uri);
            assertThat(entry.getTimeToFirstByte()).isEqualTo(Double.parseDouble("0." + i));
        }
    }

    @Test
    void rejectsANumberFieldThatIsNotANumberNamingTheField() {
        String line = CLOUDFRONT_AWS_EXAMPLE.replace("LAX1-C3\t392\t", "LAX1-C3\t39x\t");

        assertThat(rejected(CLOUDFRONT_FIELDS_33, line)).isEqualTo("sc-bytes: '39x' is not a whole number");
    }

    @Test
    void rejectsALineWithTooFewOrTooManyValues() {
        assertThat(rejected(CLOUDFRONT_FIELDS_33, "2019-12-04\t21:02:31"))
                .isEqualTo("line has 2 tab-separated values but #Fields names 33");
        assertThat(rejected(CLOUDFRONT_FIELDS_24, CLOUDFRONT_AWS_EXAMPLE))
                .isEqualTo("line has 33 tab-separated values but #Fields names 24");
    }

    @Test
    void rejectsALineBeforeAnyFieldsDirective() {
        assertThat(rejected(null, CLOUDFRONT_AWS_EXAMPLE)).isEqualTo("no #Fields: directive before this line");
    }

    @Test
    void rejectsLinesUnderADirectiveThatNamesAFieldTwice() {
        assertThat(rejected("#Fields: date date", "a\tb")).isEqualTo("the #Fields: directive names date twice");
    }

    @Test
    void rejectsInvalidUtf8RatherThanAlteringIt() {
        byte[] bytes = CLOUDFRONT_AWS_EXAMPLE.replace("/index.html", "/index?.html").getBytes(StandardCharsets.UTF_8);
        bytes[CLOUDFRONT_AWS_EXAMPLE.indexOf("/index.html") + 6] = (byte) 0xC3;

        ParseResult<CloudFrontLogEntry> result = parser.parse(Line.of(ORIGIN, 3, CLOUDFRONT_FIELDS_33, bytes));

        assertThat(result).isInstanceOf(ParseResult.Rejected.class);
        assertThat(((ParseResult.Rejected<?>) result).reason()).startsWith("line is not valid UTF-8");
    }

    @Test
    void answersDirectiveLinesWithTheColumnsTheyName() {
        assertThat(parser.parse(line(null, "#Version: 1.0"))).isEqualTo(ParseResult.directive(null));
        assertThat(parser.parse(line(null, CLOUDFRONT_FIELDS_33))).isEqualTo(ParseResult.directive(CLOUDFRONT_FIELDS_33));
    }

    private CloudFrontLogEntry parsed(String columns, String text) {
        ParseResult<CloudFrontLogEntry> result = parser.parse(line(columns, text));
        assertThat(result).isInstanceOf(ParseResult.Parsed.class);
        return ((ParseResult.Parsed<CloudFrontLogEntry>) result).record();
    }

    private String rejected(String columns, String text) {
        ParseResult<CloudFrontLogEntry> result = parser.parse(line(columns, text));
        assertThat(result).isInstanceOf(ParseResult.Rejected.class);
        return ((ParseResult.Rejected<?>) result).reason();
    }

    private static Line line(String columns, String text) {
        return Line.of(ORIGIN, 3, columns, text.getBytes(StandardCharsets.UTF_8));
    }
}
