package io.rawpipeline.formats.line;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class LineReaderTest {

    @Test
    void splitsOnLfDropsCrAndKeepsALastLineWithoutBreak() throws IOException {
        assertThat(lines("a\r\nb\n\nc", false, 100)).containsExactly("1:a", "2:b", "3:", "4:c");
        assertThat(lines("a\n", false, 100)).containsExactly("1:a");
        assertThat(lines("", false, 100)).isEmpty();
    }

    @Test
    void dropsAByteOrderMarkBeforeTheFirstLineOnly() throws IOException {
        assertThat(lines("\uFEFF#Version: 1.0\n\uFEFFb\n", false, 100))
                .containsExactly("1:#Version: 1.0", "2:\uFEFFb");
        assertThat(lines("\uFEFFid,name\r\n1,x\r\n", true, 100)).containsExactly("1:id,name", "2:1,x");
        assertThat(lines("\uFEFF", false, 100)).isEmpty();
        assertThat(lines("ab", false, 100)).containsExactly("1:ab");
    }

    @Test
    void inQuotedModeALineBreakInsideQuotesBelongsToTheLine() throws IOException {
        assertThat(lines("h1,h2\r\n1,\"two\r\nlines\"\r\n2,x\r\n", true, 100))
                .containsExactly("1:h1,h2", "2:1,\"two\r\nlines\"", "4:2,x");
    }

    @Test
    void readsGzipByItsMagicBytesIncludingConcatenatedMembers() throws IOException {
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.write(gzip("first\nsecond\n"));
        both.write(gzip("third\n"));

        try (LineReader reader = LineReader.open(new ByteArrayInputStream(both.toByteArray()), false)) {
            assertThat(drain(reader)).containsExactly("1:first", "2:second", "3:third");
        }
    }

    @Test
    void cutsALineLongerThanTheLimitAndCarriesOn() throws IOException {
        String longLine = "x".repeat(300_000);

        LineReader reader = new LineReader(
                new ByteArrayInputStream(("short\n" + longLine + "\nafter").getBytes(StandardCharsets.UTF_8)),
                false, 1000);

        assertThat(reader.next()).isTrue();
        assertThat(reader.truncated()).isFalse();
        assertThat(reader.next()).isTrue();
        assertThat(reader.truncated()).isTrue();
        assertThat(reader.length()).isEqualTo(1000);
        assertThat(reader.number()).isEqualTo(2);
        assertThat(reader.next()).isTrue();
        assertThat(new String(reader.buffer(), reader.offset(), reader.length(), StandardCharsets.UTF_8))
                .isEqualTo("after");
        assertThat(reader.number()).isEqualTo(3);
        assertThat(reader.next()).isFalse();
    }

    @Test
    void readsLinesLongerThanItsInitialBuffer() throws IOException {
        String big = "y".repeat(200_000);

        assertThat(lines(big + "\nz", false, LineReader.DEFAULT_MAX_LINE_BYTES))
                .containsExactly("1:" + big, "2:z");
    }

    private static List<String> lines(String content, boolean quoted, int max) throws IOException {
        return drain(new LineReader(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), quoted, max));
    }

    private static List<String> drain(LineReader reader) throws IOException {
        List<String> lines = new ArrayList<>();
        while (reader.next()) {
            lines.add(reader.number() + ":"
                    + new String(reader.buffer(), reader.offset(), reader.length(), StandardCharsets.UTF_8));
        }
        return lines;
    }

    static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
