package io.rawpipeline.connect.s3.object;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rawpipeline.formats.SourceFormat;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class ObjectLinesTest {

    static final String CLOUDFRONT = "#Version: 1.0\n#Fields: date sc-bytes\n2024-05-01\t1\n2024-05-01\t2\n";

    @Test
    void everyLineAfterTheFieldsDirectiveCarriesItAndTheLastIsMarked() throws Exception {
        List<ObjectLine> lines = all(new ObjectLines(gzip(CLOUDFRONT), SourceFormat.CLOUDFRONT, 1024));

        assertThat(lines).extracting(ObjectLine::number).containsExactly(1L, 2L, 3L, 4L);
        assertThat(lines).extracting(ObjectLine::columns)
                .containsExactly(null, null, "#Fields: date sc-bytes", "#Fields: date sc-bytes");
        assertThat(lines).extracting(ObjectLine::last).containsExactly(false, false, false, true);
    }

    @Test
    void theCsvHeaderTravelsWithEveryRow() throws Exception {
        List<ObjectLine> lines = all(new ObjectLines(plain("licenseid,company\r\nl1,\"A\r\nB\"\r\nl2,C\r\n"),
                SourceFormat.LICENSE, 1024));

        assertThat(lines).extracting(ObjectLine::number).containsExactly(1L, 2L, 4L);
        assertThat(lines).extracting(ObjectLine::columns).containsExactly(null, "licenseid,company", "licenseid,company");
    }

    @Test
    void resumesAtALineKeepingTheColumnsNamedBeforeIt() throws Exception {
        ObjectLines lines = new ObjectLines(gzip(CLOUDFRONT), SourceFormat.CLOUDFRONT, 1024);

        lines.skipTo(4);

        ObjectLine line = lines.next();
        assertThat(line.number()).isEqualTo(4);
        assertThat(line.columns()).isEqualTo("#Fields: date sc-bytes");
        assertThat(line.last()).isTrue();
        assertThat(lines.next()).isNull();
    }

    @Test
    void startingAtTheFirstLineSkipsNothing() throws Exception {
        ObjectLines lines = new ObjectLines(gzip(CLOUDFRONT), SourceFormat.CLOUDFRONT, 1024);

        lines.skipTo(1);

        assertThat(lines.next().number()).isEqualTo(1);
    }

    @Test
    void aTruncatedGzipFailsPermanentlyAfterTheLinesBeforeIt() throws Exception {
        StringBuilder text = new StringBuilder("#Fields: date\n");
        for (int i = 0; i < 50_000; i++) {
            text.append("2024-05-01 line ").append(i).append('\n');
        }
        byte[] gz = gzip(text.toString()).readAllBytes();
        ObjectLines lines = new ObjectLines(new ByteArrayInputStream(Arrays.copyOf(gz, gz.length / 2)),
                SourceFormat.CLOUDFRONT, 1024);

        long[] read = {0};
        assertThatThrownBy(() -> {
            while (lines.next() != null) {
                read[0]++;
            }
        }).isInstanceOfSatisfying(ReadFailure.class, failure -> {
            assertThat(failure.permanent()).isTrue();
            assertThat(failure.getMessage()).startsWith("the object is corrupt or truncated after line " + read[0]);
        });
        assertThat(read[0]).isPositive().isLessThan(50_001);
    }

    @Test
    void garbageThatLooksLikeGzipFailsBeforeItsFirstLine() {
        assertThatThrownBy(() -> all(new ObjectLines(new ByteArrayInputStream(new byte[] {0x1f, (byte) 0x8b, 1, 2, 3}),
                SourceFormat.ALB, 1024)))
                .isInstanceOfSatisfying(ReadFailure.class, f -> assertThat(f.permanent()).isTrue());
    }

    private static List<ObjectLine> all(ObjectLines lines) throws ReadFailure {
        List<ObjectLine> all = new ArrayList<>();
        for (ObjectLine line = lines.next(); line != null; line = lines.next()) {
            all.add(line);
        }
        return all;
    }

    private static ByteArrayInputStream plain(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    static ByteArrayInputStream gzip(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return new ByteArrayInputStream(out.toByteArray());
    }
}
