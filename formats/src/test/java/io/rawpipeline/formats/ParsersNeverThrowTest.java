package io.rawpipeline.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Any byte sequence gives a record, a reject with a reason, or a directive — never an exception, never nothing.
 * Inputs are random bytes and valid lines with random edits (the shapes real corruption takes). Each case is built
 * from its seed alone; the seeds come from one fixed master seed, so every run checks the same cases.
 */
class ParsersNeverThrowTest {

    static final Origin ORIGIN = Origin.of("s3://b/k", Instant.EPOCH);

    private static final long MASTER_SEED = 0x50_41_52_53_45_52_53_01L;

    private static final SourceFormat[] FORMATS = SourceFormat.values();
    private static final String[] COLUMNS = {SampleLines.CLOUDFRONT_FIELDS_33, SampleLines.LICENSE_HEADER,
        "#Fields: date date", "\"", ""};
    /** The characters the formats give meaning to. */
    private static final byte[] MEANINGFUL = {'\t', ' ', '"', ',', '-', '=', '&', '%', '#', '\\', '\r', (byte) 0xC3,
        '1'};
    private static final byte[] BYTE_EDGES = {0, 1, -1, Byte.MIN_VALUE, Byte.MAX_VALUE};
    private static final int MAX_LINE = 300;
    private static final int MAX_LINES = 8;
    private static final int MAX_EDITS = 6;

    static final Map<SourceFormat, String[]> SAMPLES = Map.of(
            SourceFormat.CLOUDFRONT, new String[] {SampleLines.CLOUDFRONT_FIELDS_33, SampleLines.CLOUDFRONT_AWS_EXAMPLE},
            SourceFormat.ALB, new String[] {null, SampleLines.ALB_AWS_HTTPS},
            SourceFormat.LICENSE, new String[] {SampleLines.LICENSE_HEADER,
                "lic-1,cus-9,\"Acme, Inc.\",ops@acme.example,cus_1,1704067200000,1735689600000,250"},
            SourceFormat.PING, new String[] {null, SampleLines.PING_QUERY});

    /** The case seeds; {@code -Dtest.seed=<seed>} (with {@code -Dtest=ParsersNeverThrowTest#…}) reruns one case. */
    private static LongStream seeds(int count) {
        String one = System.getProperty("test.seed");
        return one != null ? LongStream.of(Long.parseLong(one))
                : new SplittableRandom(MASTER_SEED).longs(count, 0, Long.MAX_VALUE);
    }

    static LongStream anyBytesCases() {
        return seeds(2000);
    }

    static LongStream editedLineCases() {
        return seeds(3000);
    }

    static LongStream objectCases() {
        return seeds(300);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("anyBytesCases")
    void anyBytesGiveAResult(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        SourceFormat format = FORMATS[r.nextInt(FORMATS.length)];
        byte[] bytes = lineBytes(r);
        String columns = r.nextBoolean() ? null : COLUMNS[r.nextInt(COLUMNS.length)];

        assertWellFormed(seed, format, Line.of(ORIGIN, 1, columns, bytes));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("editedLineCases")
    void validLinesWithRandomEditsGiveAResult(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        SourceFormat format = FORMATS[r.nextInt(FORMATS.length)];
        String[] sample = SAMPLES.get(format);
        byte[] bytes = sample[1].getBytes(StandardCharsets.UTF_8);
        int edits = 1 + r.nextInt(MAX_EDITS);
        for (int e = 0; e < edits; e++) {
            // the line's first and last byte more often: where fields and quotes open and close
            int at = switch (r.nextInt(8)) {
                case 0 -> 0;
                case 1 -> bytes.length - 1;
                default -> r.nextInt(10_001);
            };
            // half the edits with a delimiter or quote: the edits that move fields
            byte value = r.nextBoolean() ? MEANINGFUL[r.nextInt(MEANINGFUL.length)] : anyByte(r);
            bytes = edited(bytes, at, r.nextInt(3), value);
        }

        assertWellFormed(seed, format, Line.of(ORIGIN, 1, sample[0], bytes));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("objectCases")
    void anyObjectIsReadToItsEndOrFailsWithAnIoError(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        SourceFormat format = FORMATS[r.nextInt(FORMATS.length)];
        byte[] bytes = objectBytes(r);
        Supplier<String> which = () -> "seed %d: %s object %s".formatted(seed, format, Arrays.toString(bytes));
        List<String> reasons = new ArrayList<>();
        long[] records = {0};
        ObjectParser.Summary summary;
        try {
            summary = new ObjectParser(format).parse(new ByteArrayInputStream(bytes), ORIGIN,
                    new ObjectParser.Listener() {
                        @Override
                        public void record(SpecificRecord record) {
                            records[0]++;
                        }

                        @Override
                        public void reject(long line, String reason, byte[] b, int off, int len) {
                            reasons.add(reason);
                        }
                    });
        } catch (IOException e) {
            return; // a corrupt gzip stream: the caller reports it with the object
        } catch (RuntimeException e) {
            throw new AssertionError(which.get(), e);
        }
        assertThat(summary.records() + summary.rejects() + summary.directives()).as(which).isEqualTo(summary.lines());
        assertThat(summary.records()).as(which).isEqualTo(records[0]);
        assertThat(reasons).as(which).hasSize((int) summary.rejects()).allSatisfy(reason -> assertThat(reason)
                .isNotBlank());
    }

    private static void assertWellFormed(long seed, SourceFormat format, Line line) {
        Supplier<String> which = () -> "seed %d: %s line %s with columns %s"
                .formatted(seed, format, Arrays.toString(line.copyOfBytes()), line.columns());

        ParseResult<?> result = assertDoesNotThrow(() -> format.newParser().parse(line), which);
        assertThat(result).as(which).isNotNull();
        if (result instanceof ParseResult.Rejected<?> rejected) {
            assertThat(rejected.reason()).as(which).isNotBlank();
        } else if (result instanceof ParseResult.Parsed<?> parsed) {
            assertThat(parsed.record()).as(which).isNotNull();
        }
    }

    private static byte[] edited(byte[] bytes, int at, int kind, byte value) {
        if (bytes.length == 0) {
            return new byte[] {value};
        }
        int i = Math.floorMod(at, bytes.length);
        return switch (Math.floorMod(kind, 3)) {
            case 0 -> { // replace
                byte[] copy = bytes.clone();
                copy[i] = value;
                yield copy;
            }
            case 1 -> { // delete
                byte[] copy = new byte[bytes.length - 1];
                System.arraycopy(bytes, 0, copy, 0, i);
                System.arraycopy(bytes, i + 1, copy, i, bytes.length - i - 1);
                yield copy;
            }
            default -> { // insert
                byte[] copy = new byte[bytes.length + 1];
                System.arraycopy(bytes, 0, copy, 0, i);
                copy[i] = value;
                System.arraycopy(bytes, i, copy, i + 1, bytes.length - i);
                yield copy;
            }
        };
    }

    /** Up to 300 bytes, three in five from the characters the formats give meaning to. */
    private static byte[] lineBytes(SplittableRandom r) {
        byte[] bytes = new byte[size(r, MAX_LINE)];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = r.nextInt(5) < 3 ? MEANINGFUL[r.nextInt(MEANINGFUL.length)] : anyByte(r);
        }
        return bytes;
    }

    /** Plain lines (3 in 6), the same behind a gzip header (1 in 6), or up to 8 newline-ended lines (2 in 6). */
    private static byte[] objectBytes(SplittableRandom r) {
        int kind = r.nextInt(6);
        if (kind < 3) {
            return lineBytes(r);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (kind == 3) {
            out.write(0x1f);
            out.write(0x8b);
            out.writeBytes(lineBytes(r));
        } else {
            int lines = size(r, MAX_LINES);
            for (int i = 0; i < lines; i++) {
                out.writeBytes(lineBytes(r));
                out.write('\n');
            }
        }
        return out.toByteArray();
    }

    /** 0 to max, biased to small sizes as short lines and objects are where parsers stop early; 0, 1, max often. */
    private static int size(SplittableRandom r, int max) {
        return switch (r.nextInt(20)) {
            case 0 -> 0;
            case 1 -> 1;
            case 2 -> max;
            default -> r.nextBoolean() ? r.nextInt(max / 8 + 1) : r.nextInt(max + 1);
        };
    }

    private static byte anyByte(SplittableRandom r) {
        return r.nextInt(16) == 0 ? BYTE_EDGES[r.nextInt(BYTE_EDGES.length)] : (byte) r.nextInt(256);
    }
}
