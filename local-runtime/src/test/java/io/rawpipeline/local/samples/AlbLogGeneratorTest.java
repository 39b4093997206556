package io.rawpipeline.local.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.rawpipeline.formats.ObjectParser;
import io.rawpipeline.formats.Origin;
import io.rawpipeline.formats.SourceFormat;
import io.rawpipeline.raw.AlbLogEntry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class AlbLogGeneratorTest {

    @Test
    void writesLinesThatTheParserReadsWithoutRejectsThroughTheConnectionTraceId() throws IOException {
        byte[] log = generate(new AlbLogGenerator(), 3000);
        List<AlbLogEntry> records = new ArrayList<>();
        List<String> rejects = new ArrayList<>();

        ObjectParser.Summary summary = new ObjectParser(SourceFormat.ALB).parse(new ByteArrayInputStream(log),
                Origin.of("bench", Instant.now()), new ObjectParser.Listener() {
                    @Override
                    public void record(SpecificRecord record) {
                        records.add((AlbLogEntry) record);
                    }

                    @Override
                    public void reject(long lineNumber, String reason, byte[] bytes, int offset, int length) {
                        rejects.add(lineNumber + ": " + reason);
                    }
                });

        assertThat(rejects).isEmpty();
        assertThat(summary.records()).isEqualTo(3000);
        AlbLogEntry first = records.get(0);
        assertThat(first.getElb().toString()).isEqualTo("app/push-proxy-us/7c1f0a2b3d4e5f60");
        assertThat(first.getTime().toString()).matches("2025-06-01T00:00:\\d\\d\\.\\d{6}Z");
        assertThat(first.getConnTraceId().toString()).matches("TID_[0-9a-f]{32}");
        assertThat(first.getTraceId().toString()).matches("Root=1-[0-9a-f]{8}-[0-9a-f]{24}");
        // quoted fields keep their spaces, and the rarer outcomes are there too
        assertThat(records).anySatisfy(entry -> assertThat(entry.getRequest().toString())
                .startsWith("POST https://push.example.com:443/api/v1/send_push HTTP/1.1"));
        assertThat(records).anySatisfy(entry -> {
            assertThat(entry.getElbStatusCode()).isEqualTo(460);
            assertThat(entry.getRequestProcessingTime()).isEqualTo(-1.0);
            assertThat(entry.getTargetAndPort()).isNull();
        });
        assertThat(records).anySatisfy(entry -> assertThat(String.valueOf(entry.getErrorReason()))
                .isEqualTo("Target.ResponseCodeMismatch"));
        assertThat(records).anySatisfy(entry -> assertThat(entry.getSslCipher()).isNull());
    }

    @Test
    void writesTheSameBytesForTheSameSeedAndTheTypicalLineLength() throws IOException {
        byte[] first = generate(new AlbLogGenerator(7), 5000);
        byte[] second = generate(new AlbLogGenerator(7), 5000);

        assertThat(second).isEqualTo(first);
        assertThat(generate(new AlbLogGenerator(8), 5000)).isNotEqualTo(first);
        assertThat(first.length / 5000.0).isBetween(AlbLogGenerator.TYPICAL_LINE_BYTES * 0.95,
                AlbLogGenerator.TYPICAL_LINE_BYTES * 1.05);
        assertThat(generate(new CloudFrontLogGenerator(7), 5000).length / 5000.0).isBetween(
                CloudFrontLogGenerator.TYPICAL_LINE_BYTES * 0.95, CloudFrontLogGenerator.TYPICAL_LINE_BYTES * 1.05);
    }

    private static byte[] generate(AlbLogGenerator generator, int rows) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        generator.write(out, rows);
        return out.toByteArray();
    }

    private static byte[] generate(CloudFrontLogGenerator generator, int rows) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        generator.write(out, rows);
        return out.toByteArray();
    }
}
