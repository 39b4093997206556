package io.rawpipeline.formats.ping;

import static org.assertj.core.api.Assertions.assertThat;

import io.rawpipeline.formats.Line;
import io.rawpipeline.formats.Origin;
import io.rawpipeline.formats.ParseResult;
import static io.rawpipeline.formats.SampleLines.*;
import io.rawpipeline.raw.SecurityPing;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SecurityPingParserTest {

    static final Origin GATEWAY = new Origin("http:gateway", Instant.parse("2024-05-01T10:00:00Z"),
            "203.0.113.7", "Go-http-client/1.1");

    private final SecurityPingParser parser = new SecurityPingParser();

    @Test
    void readsEveryParameter() {
        SecurityPing ping = parsed(PING_QUERY);

        assertThat(ping.getServerId()).isEqualTo("rgrtp3hqijbfbyhoejq6hk3y1e");
        assertThat(ping.getBuild()).isEqualTo("9.11.1.12345");
        assertThat(ping.getEnterpriseReady()).isTrue();
        assertThat(ping.getDatabaseType()).isEqualTo("postgres");
        assertThat(ping.getOperatingSystem()).isEqualTo("linux");
        assertThat(ping.getUserCount()).isEqualTo(120L);
        assertThat(ping.getTeamCount()).isEqualTo(4L);
        assertThat(ping.getActiveUserCount()).isEqualTo(87L);
        assertThat(ping.getRanUnitTests()).isFalse();
        assertThat(ping.getRawQuery()).isEqualTo(PING_QUERY);
        assertThat(ping.getReceivedAt()).isEqualTo(GATEWAY.ingestedAt());
        assertThat(ping.getClientIp()).isEqualTo("203.0.113.7");
        assertThat(ping.getUserAgent()).isEqualTo("Go-http-client/1.1");
        assertThat(ping.getSourceFile()).isEqualTo("http:gateway");
    }

    @Test
    void decodesParametersButKeepsTheRawQuery() {
        SecurityPing ping = parsed("/security?id=a%2Fb&os=mac+os&ut=1&extra=ignored");

        assertThat(ping.getServerId()).isEqualTo("a/b");
        assertThat(ping.getOperatingSystem()).isEqualTo("mac os");
        assertThat(ping.getRanUnitTests()).isTrue();
        assertThat(ping.getUserCount()).isNull();
        assertThat(ping.getRawQuery()).isEqualTo("id=a%2Fb&os=mac+os&ut=1&extra=ignored");
    }

    @Test
    void rejectsParametersThatDoNotParseNamingThem() {
        assertThat(rejected("id=x&uc=many")).isEqualTo("parameter uc: 'many' is not a whole number");
        assertThat(rejected("id=x&be=yes")).isEqualTo("parameter be: 'yes' is not true or false");
        assertThat(rejected("id=x&ut=true")).isEqualTo("parameter ut: 'true' is not 1 or 0");
        assertThat(rejected("id=x&db=%zz")).isEqualTo("parameter db: bad percent-encoding in '%zz'");
        assertThat(rejected("id=x&id=y")).isEqualTo("parameter id appears more than once");
        assertThat(rejected("b=1")).isEqualTo("parameter id (the server id) is missing or empty");
        assertThat(rejected("")).isEqualTo("empty query string");
    }

    private SecurityPing parsed(String text) {
        ParseResult<SecurityPing> result = parser.parse(line(text));
        assertThat(result).isInstanceOf(ParseResult.Parsed.class);
        return ((ParseResult.Parsed<SecurityPing>) result).record();
    }

    private String rejected(String text) {
        ParseResult<SecurityPing> result = parser.parse(line(text));
        assertThat(result).isInstanceOf(ParseResult.Rejected.class);
        return ((ParseResult.Rejected<?>) result).reason();
    }

    private static Line line(String text) {
        return Line.of(GATEWAY, 1, null, text.getBytes(StandardCharsets.UTF_8));
    }
}
