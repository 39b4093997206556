package io.rawpipeline.formats.alb;

import static org.assertj.core.api.Assertions.assertThat;

import io.rawpipeline.formats.Line;
import io.rawpipeline.formats.Origin;
import io.rawpipeline.formats.ParseResult;
import static io.rawpipeline.formats.SampleLines.*;
import io.rawpipeline.raw.AlbLogEntry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AlbLineParserTest {



    static final Origin ORIGIN = Origin.of(
            "s3://push-logs/AWSLogs/1234/elasticloadbalancing/us-east-1/2018/07/02/x.log.gz", Instant.EPOCH);

    private final AlbLineParser parser = new AlbLineParser();

    @Test
    void readsTheAwsDocumentationExample() {
        AlbLogEntry entry = parsed(ALB_AWS_HTTPS);

        assertThat(entry.getType()).isEqualTo("https");
        assertThat(entry.getTime()).isEqualTo("2018-07-02T22:23:00.186641Z");
        assertThat(entry.getElb()).isEqualTo("app/my-loadbalancer/50dc6c495c0c9188");
        assertThat(entry.getClientAndPort()).isEqualTo("192.168.131.39:2817");
        assertThat(entry.getTargetAndPort()).isEqualTo("10.0.0.1:80");
        assertThat(entry.getRequestProcessingTime()).isEqualTo(0.086);
        assertThat(entry.getTargetProcessingTime()).isEqualTo(0.048);
        assertThat(entry.getResponseProcessingTime()).isEqualTo(0.037);
        assertThat(entry.getElbStatusCode()).isEqualTo(200);
        assertThat(entry.getTargetStatusCode()).isEqualTo(200);
        assertThat(entry.getReceivedBytes()).isZero();
        assertThat(entry.getSentBytes()).isEqualTo(57L);
        assertThat(entry.getRequest()).isEqualTo("GET https://www.example.com:443/ HTTP/1.1");
        assertThat(entry.getUserAgent()).isEqualTo("curl/7.46.0");
        assertThat(entry.getSslProtocol()).isEqualTo("TLSv1.2");
        assertThat(entry.getTraceId()).isEqualTo("Root=1-58337281-1d84f3d73c47ec4e58577259");
        assertThat(entry.getDomainName()).isEqualTo("www.example.com");
        assertThat(entry.getMatchedRulePriority()).isEqualTo(1);
        assertThat(entry.getRequestCreationTime()).isEqualTo("2018-07-02T22:22:48.364000Z");
        assertThat(entry.getActionsExecuted()).isEqualTo("authenticate,forward");
        assertThat(entry.getRedirectUrl()).isNull();
        assertThat(entry.getTargetPortList()).isEqualTo("10.0.0.1:80");
        assertThat(entry.getTargetStatusCodeList()).isEqualTo("200");
        assertThat(entry.getConnTraceId()).isEqualTo("TID_1234abcd5678ef90");
        assertThat(entry.getRequestTransformStatus()).isNull();
        assertThat(entry.getSourceLine()).isEqualTo(7L);
    }

    @Test
    void keepsMinusOneTimingsAndNullsDashes() {
        AlbLogEntry entry = parsed(ALB_AWS_NOT_DISPATCHED);

        assertThat(entry.getTargetAndPort()).isNull();
        assertThat(entry.getRequestProcessingTime()).isEqualTo(-1.0);
        assertThat(entry.getTargetProcessingTime()).isEqualTo(-1.0);
        assertThat(entry.getElbStatusCode()).isEqualTo(460);
        assertThat(entry.getTargetStatusCode()).isNull();
        assertThat(entry.getSslCipher()).isNull();
        assertThat(entry.getTargetGroupArn()).isNull();
        assertThat(entry.getConnTraceId()).isNull();
    }

    @Test
    void aQuotedFieldMayHoldSpacesAndEscapedQuotes() {
        AlbLogEntry entry = parsed(ALB_AWS_HTTPS.replace("\"curl/7.46.0\"",
                "\"Mozilla/5.0 (X11; Linux x86_64) \\\"quoted\\\" Gecko\""));

        assertThat(entry.getUserAgent()).isEqualTo("Mozilla/5.0 (X11; Linux x86_64) \\\"quoted\\\" Gecko");
        assertThat(entry.getSslCipher()).isEqualTo("ECDHE-RSA-AES128-GCM-SHA256");
    }

    @Test
    void ignoresFieldsAwsAppendsLater() {
        AlbLogEntry entry = parsed(ALB_AWS_HTTPS + " \"new-field\" 123 \"another one\"");

        assertThat(entry.getRequestTransformStatus()).isNull();
        assertThat(entry.getTransformedUri()).isNull();
        assertThat(entry.getConnTraceId()).isEqualTo("TID_1234abcd5678ef90");
    }

    @Test
    void linesOfOlderLogsLeaveLaterFieldsNull() {
        String firstTwelve = String.join(" ", java.util.Arrays.copyOf(ALB_AWS_NOT_DISPATCHED.split(" "), 12));

        AlbLogEntry entry = parsed(firstTwelve);

        assertThat(entry.getSentBytes()).isZero();
        assertThat(entry.getRequest()).isNull();
    }

    @Test
    void rejectsBadValuesNamingTheField() {
        assertThat(rejected(ALB_AWS_HTTPS.replace(" 200 200 0 57 ", " 200 2x0 0 57 ")))
                .isEqualTo("field 10 (target_status_code): '2x0' is not a whole number");
        assertThat(rejected(ALB_AWS_HTTPS.replace(" 0.086 ", " fast ")))
                .isEqualTo("field 6 (request_processing_time): 'fast' is not a decimal number");
        assertThat(rejected(ALB_AWS_HTTPS.replace(" 200 200 0 57 ", " 200 200 0 99999999999999999999 ")))
                .isEqualTo("field 12 (sent_bytes): '99999999999999999999' is not a whole number");
    }

    @Test
    void rejectsAnUnclosedQuote() {
        assertThat(rejected(ALB_AWS_HTTPS.substring(0, ALB_AWS_HTTPS.indexOf("HTTP/1.1"))))
                .isEqualTo("field 13: quote not closed before the end of the line");
    }

    @Test
    void rejectsALineWithTooFewFields() {
        assertThat(rejected("http 2018-07-02T22:23:00.186641Z app/lb/1"))
                .isEqualTo("line has 3 fields but an ALB log line has at least 12");
        assertThat(rejected("")).isEqualTo("empty line");
    }

    private AlbLogEntry parsed(String text) {
        ParseResult<AlbLogEntry> result = parser.parse(line(text));
        assertThat(result).isInstanceOf(ParseResult.Parsed.class);
        return ((ParseResult.Parsed<AlbLogEntry>) result).record();
    }

    private String rejected(String text) {
        ParseResult<AlbLogEntry> result = parser.parse(line(text));
        assertThat(result).isInstanceOf(ParseResult.Rejected.class);
        return ((ParseResult.Rejected<?>) result).reason();
    }

    private static Line line(String text) {
        return Line.of(ORIGIN, 7, null, text.getBytes(StandardCharsets.UTF_8));
    }
}
