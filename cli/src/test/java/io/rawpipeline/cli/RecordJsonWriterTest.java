package io.rawpipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rawpipeline.raw.License;
import io.rawpipeline.raw.SecurityPing;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class RecordJsonWriterTest {

    private static final Instant NOW = Instant.parse("2025-06-01T10:15:30.123Z");

    @Test
    void writesTimestampsAsIsoStringsAndKeepsBooleansNumbersAndNulls() throws IOException {
        SecurityPing ping = SecurityPing.newBuilder()
                .setReceivedAt(NOW)
                .setServerId("abc")
                .setEnterpriseReady(true)
                .setUserCount(42L)
                .setRawQuery("id=abc&be=true&uc=42")
                .setSourceFile("http:gateway")
                .setSourceLine(1L)
                .setIngestedAt(NOW)
                .build();

        JsonNode json = write(ping);

        assertThat(json.get("received_at").textValue()).isEqualTo("2025-06-01T10:15:30.123Z");
        assertThat(json.get("enterprise_ready").isBoolean()).isTrue();
        assertThat(json.get("enterprise_ready").booleanValue()).isTrue();
        assertThat(json.get("user_count").isIntegralNumber()).isTrue();
        assertThat(json.get("ran_unit_tests").isNull()).isTrue();
        assertThat(json.has("ingested_at")).isFalse();
    }

    @Test
    void writesMapsAsObjectsWithNullValues() throws IOException {
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("plan", "enterprise");
        extra.put("seats", null);
        License license = License.newBuilder()
                .setLicenseid("lic-1")
                .setIssuedat(1_700_000_000_000L)
                .setExtra(extra)
                .setSourceFile("s3://bucket/licenses.csv")
                .setSourceLine(2L)
                .setIngestedAt(NOW)
                .build();

        JsonNode json = write(license);

        assertThat(json.get("extra").isObject()).isTrue();
        assertThat(json.get("extra").get("plan").textValue()).isEqualTo("enterprise");
        assertThat(json.get("extra").get("seats").isNull()).isTrue();
        assertThat(json.get("issuedat").longValue()).isEqualTo(1_700_000_000_000L);
    }

    private static JsonNode write(SpecificRecord record) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = new JsonFactory().createGenerator(out)) {
            new RecordJsonWriter(generator).write(record);
        }
        assertThat(out.toString()).endsWith("}\n").hasLineCount(1);
        return new ObjectMapper().readTree(out.toString());
    }
}
