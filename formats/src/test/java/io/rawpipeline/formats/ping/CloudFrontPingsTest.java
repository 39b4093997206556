package io.rawpipeline.formats.ping;

import static org.assertj.core.api.Assertions.assertThat;

import io.rawpipeline.formats.ParseResult;
import io.rawpipeline.raw.CloudFrontLogEntry;
import io.rawpipeline.raw.SecurityPing;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CloudFrontPingsTest {

    private static final Instant INGESTED = Instant.parse("2024-05-02T08:00:00.123Z");

    private final CloudFrontPings pings = new CloudFrontPings();

    @Test
    void aSecurityRequestIsThePingItCarriesReceivedWhenCloudFrontLoggedIt() {
        ParseResult<SecurityPing> result = pings.of(entry("/security",
                "id=abc123&b=9.11.1&be=true&db=postgres&os=linux&uc=12&tc=2&auc=10&ut=1",
                "Mattermost-Server/9.11.1%20(linux;%20x64)+build"));

        assertThat(result).isInstanceOf(ParseResult.Parsed.class);
        SecurityPing ping = ((ParseResult.Parsed<SecurityPing>) result).record();
        assertThat(ping.getServerId()).isEqualTo("abc123");
        assertThat(ping.getUserCount()).isEqualTo(12L);
        assertThat(ping.getRanUnitTests()).isTrue();
        assertThat(ping.getReceivedAt()).isEqualTo(Instant.parse("2024-05-01T10:15:42Z"));
        assertThat(ping.getClientIp()).isEqualTo("192.0.2.10");
        assertThat(ping.getUserAgent()).isEqualTo("Mattermost-Server/9.11.1 (linux; x64)+build");
        assertThat(ping.getRawQuery()).startsWith("id=abc123&b=9.11.1");
        assertThat(ping.getSourceFile()).isEqualTo("s3://logs/security-update-check/E1.gz");
        assertThat(ping.getSourceLine()).isEqualTo(7L);
        assertThat(ping.getIngestedAt()).isEqualTo(INGESTED);
    }

    @Test
    void otherPathsAndQuerylessProbesAreNoPing() {
        assertThat(pings.of(entry("/favicon.ico", null, "curl/8"))).isNull();
        assertThat(pings.of(entry("/security/other", "id=a", "curl/8"))).isNull();
        assertThat(pings.of(entry("/security", null, "curl/8"))).isNull();
    }

    @Test
    void aPingThatDoesNotParseIsRejectedNamingTheParameter() {
        ParseResult<SecurityPing> result = pings.of(entry("/security", "id=a&uc=many", "curl/8"));

        assertThat(result).isInstanceOfSatisfying(ParseResult.Rejected.class,
                rejected -> assertThat(rejected.reason()).contains("uc", "many"));
    }

    private static CloudFrontLogEntry entry(String uri, String query, String userAgent) {
        CloudFrontLogEntry entry = new CloudFrontLogEntry();
        entry.setLogdate("2024-05-01");
        entry.setLogtime("10:15:42");
        entry.setCip("192.0.2.10");
        entry.setUri(uri);
        entry.setCsUriQuery(query);
        entry.setUseragent(userAgent);
        entry.setSourceFile("s3://logs/security-update-check/E1.gz");
        entry.setSourceLine(7L);
        entry.setIngestedAt(INGESTED);
        return entry;
    }
}
