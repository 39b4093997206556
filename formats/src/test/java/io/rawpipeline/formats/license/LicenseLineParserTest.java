package io.rawpipeline.formats.license;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.rawpipeline.formats.Line;
import io.rawpipeline.formats.Origin;
import io.rawpipeline.formats.ParseResult;
import static io.rawpipeline.formats.SampleLines.*;
import io.rawpipeline.raw.License;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LicenseLineParserTest {

    static final Origin ORIGIN = Origin.of("s3://exports/licenses/2024-05-01.csv", Instant.EPOCH);

    private final LicenseLineParser parser = new LicenseLineParser();

    @Test
    void readsARowByItsHeader() {
        License license = parsed(LICENSE_HEADER,
                "lic-1,cus-9,\"Acme, Inc.\",ops@acme.example,cus_Stripe1,1704067200000,1735689600000,250");

        assertThat(license.getLicenseid()).isEqualTo("lic-1");
        assertThat(license.getCustomerid()).isEqualTo("cus-9");
        assertThat(license.getCompany()).isEqualTo("Acme, Inc.");
        assertThat(license.getEmail()).isEqualTo("ops@acme.example");
        assertThat(license.getStripeid()).isEqualTo("cus_Stripe1");
        assertThat(license.getIssuedat()).isEqualTo(1704067200000L);
        assertThat(license.getExpiresat()).isEqualTo(1735689600000L);
        assertThat(license.getNumber()).isEqualTo(250L);
        assertThat(license.getExtra()).isNull();
        assertThat(license.getSourceLine()).isEqualTo(2L);
    }

    @Test
    void theHeaderDecidesTheColumnsInAnyOrderAndCase() {
        License license = parsed("Number,EMAIL,licenseId", "12,a@b.example,lic-2");

        assertThat(license.getNumber()).isEqualTo(12L);
        assertThat(license.getEmail()).isEqualTo("a@b.example");
        assertThat(license.getLicenseid()).isEqualTo("lic-2");
        assertThat(license.getCompany()).isNull();
    }

    @Test
    void keepsDoubledQuotesLineBreaksAndEmptyCells() {
        License license = parsed(LICENSE_HEADER, "lic-3,,\"The \"\"Best\"\" Co\r\nLtd\",,,,,");

        assertThat(license.getCompany()).isEqualTo("The \"Best\" Co\r\nLtd");
        assertThat(license.getCustomerid()).isNull();
        assertThat(license.getNumber()).isNull();
    }

    @Test
    void keepsColumnsTheSchemaDoesNotKnowInExtra() {
        License license = parsed(LICENSE_HEADER + ",sku,Region", "lic-4,c,co,e,s,1,2,3,E20,");

        assertThat(license.getExtra()).containsOnly(entry("sku", "E20"), entry("Region", null));
        assertThat(license.getNumber()).isEqualTo(3L);
    }

    @Test
    void aLineBeforeAnyHeaderIsTheHeader() {
        assertThat(parser.parse(line(null, LICENSE_HEADER))).isEqualTo(ParseResult.directive(LICENSE_HEADER));
    }

    @Test
    void rejectsBadRowsNamingTheProblem() {
        assertThat(rejected(LICENSE_HEADER, "lic-5,c,co,e,s,yesterday,2,3"))
                .isEqualTo("issuedat: 'yesterday' is not a whole number");
        assertThat(rejected(LICENSE_HEADER, "lic-5,c,co")).isEqualTo("row has 3 cells but the header has 8");
        assertThat(rejected(LICENSE_HEADER, "lic-5,\"unclosed,c,co,e,s,1,2,3")).startsWith("not valid CSV: ");
        assertThat(rejected("licenseid,LicenseId", "a,b")).isEqualTo("header names column licenseid twice");
        assertThat(rejected(LICENSE_HEADER, "")).isEqualTo("empty line");
    }

    private License parsed(String header, String text) {
        ParseResult<License> result = parser.parse(line(header, text));
        assertThat(result).isInstanceOf(ParseResult.Parsed.class);
        return ((ParseResult.Parsed<License>) result).record();
    }

    private String rejected(String header, String text) {
        ParseResult<License> result = parser.parse(line(header, text));
        assertThat(result).isInstanceOf(ParseResult.Rejected.class);
        return ((ParseResult.Rejected<?>) result).reason();
    }

    private static Line line(String header, String text) {
        return Line.of(ORIGIN, 2, header, text.getBytes(StandardCharsets.UTF_8));
    }
}
