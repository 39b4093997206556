package io.rawpipeline.formats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.apache.avro.specific.SpecificRecord;

/**
 * Any byte sequence gives a record, a reject with a reason, or a directive — never an exception, never nothing.
 * Inputs are random bytes and valid lines with random edits (the shapes real corruption takes).
 */
class ParsersNeverThrowProperties {

    static final Origin ORIGIN = Origin.of("s3://b/k", Instant.EPOCH);

    @Property(tries = 2000)
    void anyBytesGiveAResult(@ForAll("formats") SourceFormat format, @ForAll("lineBytes") byte[] bytes,
                             @ForAll("columns") String columns) {
        assertWellFormed(format.newParser().parse(Line.of(ORIGIN, 1, columns, bytes)));
    }

    @Property(tries = 3000)
    void validLinesWithRandomEditsGiveAResult(@ForAll("formats") SourceFormat format,
                                              @ForAll("edits") List<Tuple.Tuple3<Integer, Integer, Byte>> edits) {
        String[] sample = SAMPLES.get(format);
        byte[] bytes = sample[1].getBytes(StandardCharsets.UTF_8);
        for (Tuple.Tuple3<Integer, Integer, Byte> edit : edits) {
            bytes = edited(bytes, edit.get1(), edit.get2(), edit.get3());
        }
        assertWellFormed(format.newParser().parse(Line.of(ORIGIN, 1, sample[0], bytes)));
    }

    @Property(tries = 300)
    void anyObjectIsReadToItsEndOrFailsWithAnIoError(@ForAll("formats") SourceFormat format,
                                                     @ForAll("objectBytes") byte[] bytes) {
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
        }
        assertThat(summary.records() + summary.rejects() + summary.directives()).isEqualTo(summary.lines());
        assertThat(summary.records()).isEqualTo(records[0]);
        assertThat(reasons).hasSize((int) summary.rejects()).allSatisfy(r -> assertThat(r).isNotBlank());
    }

    private static void assertWellFormed(ParseResult<?> result) {
        assertThat(result).isNotNull();
        if (result instanceof ParseResult.Rejected<?> rejected) {
            assertThat(rejected.reason()).isNotBlank();
        } else if (result instanceof ParseResult.Parsed<?> parsed) {
            assertThat(parsed.record()).isNotNull();
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

    static final java.util.Map<SourceFormat, String[]> SAMPLES = java.util.Map.of(
            SourceFormat.CLOUDFRONT, new String[] {SampleLines.CLOUDFRONT_FIELDS_33, SampleLines.CLOUDFRONT_AWS_EXAMPLE},
            SourceFormat.ALB, new String[] {null, SampleLines.ALB_AWS_HTTPS},
            SourceFormat.LICENSE, new String[] {SampleLines.LICENSE_HEADER,
                "lic-1,cus-9,\"Acme, Inc.\",ops@acme.example,cus_1,1704067200000,1735689600000,250"},
            SourceFormat.PING, new String[] {null, SampleLines.PING_QUERY});

    @Provide
    Arbitrary<SourceFormat> formats() {
        return Arbitraries.of(SourceFormat.class);
    }

    @Provide
    Arbitrary<String> columns() {
        return Arbitraries.oneOf(Arbitraries.just(null), Arbitraries.of(
                SampleLines.CLOUDFRONT_FIELDS_33, SampleLines.LICENSE_HEADER, "#Fields: date date", "\"", ""));
    }

    /** Bytes biased towards the characters the formats give meaning to. */
    @Provide
    Arbitrary<byte[]> lineBytes() {
        Arbitrary<Byte> special = Arbitraries.of((byte) '\t', (byte) ' ', (byte) '"', (byte) ',', (byte) '-',
                (byte) '=', (byte) '&', (byte) '%', (byte) '#', (byte) '\\', (byte) '\r', (byte) 0xC3, (byte) '1');
        Arbitrary<Byte> any = Arbitraries.bytes();
        return Arbitraries.frequencyOf(Tuple.of(3, special), Tuple.of(2, any))
                .list().ofMaxSize(300)
                .map(ParsersNeverThrowProperties::toArray);
    }

    @Provide
    Arbitrary<byte[]> objectBytes() {
        return Arbitraries.frequencyOf(Tuple.of(3, lineBytes()),
                Tuple.of(1, lineBytes().map(b -> {
                    byte[] gz = new byte[b.length + 2];
                    gz[0] = 0x1f;
                    gz[1] = (byte) 0x8b;
                    System.arraycopy(b, 0, gz, 2, b.length);
                    return gz;
                })),
                Tuple.of(2, lineBytes().list().ofMaxSize(8).map(lines -> {
                    StringBuilder text = new StringBuilder();
                    for (byte[] line : lines) {
                        text.append(new String(line, StandardCharsets.ISO_8859_1)).append('\n');
                    }
                    return text.toString().getBytes(StandardCharsets.ISO_8859_1);
                })));
    }

    @Provide
    Arbitrary<List<Tuple.Tuple3<Integer, Integer, Byte>>> edits() {
        return Arbitraries.integers().between(0, 10_000)
                .flatMap(at -> Arbitraries.integers().between(0, 2)
                        .flatMap(kind -> Arbitraries.bytes().map(value -> Tuple.of(at, kind, value))))
                .list().ofMinSize(1).ofMaxSize(6);
    }

    private static byte[] toArray(List<Byte> list) {
        byte[] bytes = new byte[list.size()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = list.get(i);
        }
        return bytes;
    }
}
