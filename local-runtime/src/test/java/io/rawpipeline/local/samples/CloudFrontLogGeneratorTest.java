package io.rawpipeline.local.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.rawpipeline.formats.ObjectParser;
import io.rawpipeline.formats.Origin;
import io.rawpipeline.formats.SourceFormat;
import io.rawpipeline.raw.CloudFrontLogEntry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CloudFrontLogGeneratorTest {

    @Test
    void writesRowsThatTheParserReadsWithoutRejectsAndWithEveryColumnFilledSomewhere() throws IOException {
        byte[] log = generate(new CloudFrontLogGenerator(), 2000);
        List<CloudFrontLogEntry> records = new ArrayList<>();
        List<String> rejects = new ArrayList<>();

        ObjectParser.Summary summary = new ObjectParser(SourceFormat.CLOUDFRONT).parse(new ByteArrayInputStream(log),
                Origin.of("bench", Instant.now()), new ObjectParser.Listener() {
                    @Override
                    public void record(SpecificRecord record) {
                        records.add((CloudFrontLogEntry) record);
                    }

                    @Override
                    public void reject(long lineNumber, String reason, byte[] bytes, int offset, int length) {
                        rejects.add(lineNumber + ": " + reason);
                    }
                });

        assertThat(rejects).isEmpty();
        assertThat(summary.records()).isEqualTo(2000);
        assertThat(summary.directives()).isEqualTo(CloudFrontLogGenerator.HEADER_LINES);
        assertThat(CloudFrontLogGenerator.FIELDS).hasSize(33);
        // cookie logging and field-level encryption are off, as on the real distribution: always '-'
        List<String> alwaysNull = new ArrayList<>();
        for (int position = 0; position < 33; position++) {
            int column = position;
            if (records.stream().allMatch(entry -> entry.get(column) == null)) {
                alwaysNull.add(CloudFrontLogEntry.getClassSchema().getFields().get(position).name());
            }
        }
        assertThat(alwaysNull).containsExactly("cookie", "file_status", "file_encrypted_fields");
        assertThat(records.get(0).getTimeToFirstByte()).isBetween(0.001, 0.300);
        assertThat(records.get(0).getXEdgeRequestId().toString()).hasSize(56);
    }

    @Test
    void writesTheSameBytesForTheSameSeedAndAboutFourHundredFiftyBytesALine() throws IOException {
        byte[] first = generate(new CloudFrontLogGenerator(7), 5000);
        byte[] second = generate(new CloudFrontLogGenerator(7), 5000);

        assertThat(second).isEqualTo(first);
        assertThat(first.length / 5000).isBetween(420, 490);
        assertThat(generate(new CloudFrontLogGenerator(8), 5000)).isNotEqualTo(first);
    }

    @Test
    void reusesTheFileAnEarlierRunLeft(@TempDir Path dir) throws IOException {
        CloudFrontLogGenerator generator = new CloudFrontLogGenerator();
        Path file = generator.ensure(dir, 100);
        Files.writeString(file, "left by an earlier run");

        assertThat(generator.ensure(dir, 100)).isEqualTo(file).hasContent("left by an earlier run");
        assertThat(generator.ensure(dir, 101)).isNotEqualTo(file);
    }

    private static byte[] generate(CloudFrontLogGenerator generator, int rows) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        generator.write(out, rows);
        return out.toByteArray();
    }
}
