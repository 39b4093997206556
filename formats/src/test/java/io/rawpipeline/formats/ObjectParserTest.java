package io.rawpipeline.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rawpipeline.raw.CloudFrontLogEntry;
import io.rawpipeline.raw.License;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class ObjectParserTest {

    static final Origin ORIGIN = Origin.of("s3://b/k", Instant.EPOCH);

    private final List<SpecificRecord> records = new ArrayList<>();
    private final List<String> rejects = new ArrayList<>();
    private final ObjectParser.Listener listener = new ObjectParser.Listener() {
        @Override
        public void record(SpecificRecord record) {
            records.add(record);
        }

        @Override
        public void reject(long lineNumber, String reason, byte[] bytes, int offset, int length) {
            rejects.add(lineNumber + ": " + reason);
        }
    };

    @Test
    void aCloudFrontFileCarriesItsFieldsDirectiveToEveryLineAndCountsDirectiveLines() throws IOException {
        String file = "#Version: 1.0\n#Fields: date sc-bytes\n2024-01-01\t10\n2024-01-02\tten\n2024-01-03\t-\n";

        ObjectParser.Summary summary = new ObjectParser(SourceFormat.CLOUDFRONT)
                .parse(new ByteArrayInputStream(gzip(file)), ORIGIN, listener);

        assertThat(summary).isEqualTo(new ObjectParser.Summary(5, 2, 1, 2));
        assertThat(records).extracting(r -> ((CloudFrontLogEntry) r).getSourceLine()).containsExactly(3L, 5L);
        assertThat(rejects).containsExactly("4: sc-bytes: 'ten' is not a whole number");
    }

    @Test
    void aLicenseExportKeepsARowWithALineBreakInsideQuotesAsOneRecord() throws IOException {
        String file = "licenseid,company\r\nl1,\"Two\r\nLines\"\r\nl2,Plain\r\n";

        ObjectParser.Summary summary = new ObjectParser(SourceFormat.LICENSE)
                .parse(new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)), ORIGIN, listener);

        assertThat(summary).isEqualTo(new ObjectParser.Summary(3, 2, 0, 1));
        assertThat(records).extracting(r -> ((License) r).getSourceLine()).containsExactly(2L, 4L);
        assertThat(((License) records.get(0)).getCompany()).isEqualTo("Two\r\nLines");
    }

    @Test
    void aCorruptGzipFailsAfterHandingOnTheLinesBeforeIt() throws IOException {
        StringBuilder file = new StringBuilder("#Fields: date\n");
        for (int i = 0; i < 20_000; i++) {
            file.append("2024-01-01\n");
        }
        byte[] gz = gzip(file.toString());
        byte[] cut = Arrays.copyOf(gz, gz.length / 2);

        assertThatThrownBy(() -> new ObjectParser(SourceFormat.CLOUDFRONT)
                .parse(new ByteArrayInputStream(cut), ORIGIN, listener)).isInstanceOf(IOException.class);
        assertThat(records).isNotEmpty();
    }

    static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
