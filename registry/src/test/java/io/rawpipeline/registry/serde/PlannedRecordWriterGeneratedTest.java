package io.rawpipeline.registry.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import io.rawpipeline.raw.AlbLogEntry;
import io.rawpipeline.raw.CloudFrontLogEntry;
import io.rawpipeline.raw.DeadLetter;
import io.rawpipeline.raw.License;
import io.rawpipeline.raw.SecurityPing;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * For every RAW record, the planned writer writes exactly Avro's bytes, which read back as the record. Each case is
 * built from its seed alone; the seeds come from one fixed master seed, so every run checks the same cases.
 */
class PlannedRecordWriterGeneratedTest {

    private static final long MASTER_SEED = 0x50_4C_41_4E_4E_45_44_01L;
    private static final int CASES = 1000;

    private static final String[] STRING_EDGES = {"", "-", "é", "日本語", "😀", "\uD800", "a\uDC00b", "\uDBFF\uDFFF",
        "\u0000"};
    // the bounds, and either side of where the zig-zag varint grows a byte
    private static final long[] LONG_EDGES = {Long.MIN_VALUE, Long.MAX_VALUE, 0L, -1L, 63L, 64L, -64L, -65L};
    private static final int[] INT_EDGES = {Integer.MIN_VALUE, Integer.MAX_VALUE, 0, -1, 63, 64, -64, -65};
    private static final double[] DOUBLE_EDGES = {Double.NaN, -0.0, 0.0, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE};
    private static final byte[] BYTE_EDGES = {0, 1, -1, Byte.MIN_VALUE, Byte.MAX_VALUE};

    /** The case seeds; {@code -Dtest.seed=<seed>} (with {@code -Dtest=PlannedRecordWriterGeneratedTest#…}) reruns one. */
    static LongStream seeds() {
        String one = System.getProperty("test.seed");
        return one != null ? LongStream.of(Long.parseLong(one))
                : new SplittableRandom(MASTER_SEED).longs(CASES, 0, Long.MAX_VALUE);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void writesTheSameBytesAsAvroForCloudFrontLogEntries(long seed) {
        assertWritesAvroBytesThatReadBack(seed, record(CloudFrontLogEntry.class, new SplittableRandom(seed)));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void writesTheSameBytesAsAvroForAlbLogEntries(long seed) {
        assertWritesAvroBytesThatReadBack(seed, record(AlbLogEntry.class, new SplittableRandom(seed)));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void writesTheSameBytesAsAvroForLicenses(long seed) {
        assertWritesAvroBytesThatReadBack(seed, record(License.class, new SplittableRandom(seed)));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void writesTheSameBytesAsAvroForSecurityPings(long seed) {
        assertWritesAvroBytesThatReadBack(seed, record(SecurityPing.class, new SplittableRandom(seed)));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void writesTheSameBytesAsAvroForDeadLetters(long seed) {
        assertWritesAvroBytesThatReadBack(seed, record(DeadLetter.class, new SplittableRandom(seed)));
    }

    private static void assertWritesAvroBytesThatReadBack(long seed, SpecificRecord record) {
        Supplier<String> which = () -> "seed %d: %s".formatted(seed, record);

        byte[] bytes = assertDoesNotThrow(() -> RecordBytes.byPlan(record), which);
        assertThat(bytes).as(which).isEqualTo(RecordBytes.byAvro(record));
        assertThat(RecordBytes.read(bytes, record.getClass())).as(which).isEqualTo(asUtf8Carries(record));
    }

    /** The record with its text as UTF-8 carries it: Java's encoder writes a lone surrogate as '?'. */
    private static SpecificRecord asUtf8Carries(SpecificRecord record) {
        SpecificRecord copy = newRecord(record.getClass());
        for (int i = 0; i < record.getSchema().getFields().size(); i++) {
            Object value = record.get(i);
            if (value instanceof String s) {
                value = asUtf8Carries(s);
            } else if (value instanceof Map<?, ?> map) {
                Map<String, String> carried = new LinkedHashMap<>();
                map.forEach((k, v) -> carried.put(asUtf8Carries((String) k),
                        v == null ? null : asUtf8Carries((String) v)));
                value = carried;
            }
            copy.put(i, value);
        }
        return copy;
    }

    private static String asUtf8Carries(String s) {
        return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    /** A record of a generated class with every field drawn from its schema. */
    private static <T extends SpecificRecord> T record(Class<T> type, SplittableRandom r) {
        Schema schema = SpecificData.getForClass(type).getSchema(type);
        T record = newRecord(type);
        for (Schema.Field field : schema.getFields()) {
            record.put(field.pos(), value(field.schema(), r));
        }
        return record;
    }

    private static Object value(Schema schema, SplittableRandom r) {
        return switch (schema.getType()) {
            case UNION -> r.nextInt(10) < 3 ? null : value(schema.getTypes().stream()
                    .filter(s -> s.getType() != Schema.Type.NULL).findFirst().orElseThrow(), r);
            case STRING -> string(r);
            case LONG -> schema.getLogicalType() instanceof LogicalTypes.TimestampMillis
                    ? Instant.ofEpochMilli(longValue(r)) : (Object) longValue(r);
            case INT -> intValue(r);
            case DOUBLE -> doubleValue(r);
            case BOOLEAN -> r.nextBoolean();
            case BYTES -> ByteBuffer.wrap(bytes(r));
            case MAP -> map(schema, r);
            default -> throw new IllegalArgumentException("no values for " + schema);
        };
    }

    /** ASCII up to 80 chars, any char up to 20 (lone surrogates included), or a known awkward one, alike often. */
    private static String string(SplittableRandom r) {
        return switch (r.nextInt(3)) {
            case 0 -> chars(r, 80, 0x80);
            case 1 -> chars(r, 20, Character.MAX_VALUE + 1);
            default -> STRING_EDGES[r.nextInt(STRING_EDGES.length)];
        };
    }

    private static String chars(SplittableRandom r, int maxLength, int charBound) {
        int length = size(r, maxLength);
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append((char) r.nextInt(charBound));
        }
        return s.toString();
    }

    private static Map<String, String> map(Schema schema, SplittableRandom r) {
        boolean nullableValues = schema.getValueType().getType() == Schema.Type.UNION;
        int entries = size(r, 5);
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < entries; i++) {
            map.put(string(r), nullableValues && r.nextInt(10) < 3 ? null : string(r));
        }
        return map;
    }

    private static byte[] bytes(SplittableRandom r) {
        byte[] b = new byte[size(r, 64)];
        for (int i = 0; i < b.length; i++) {
            b[i] = r.nextInt(16) == 0 ? BYTE_EDGES[r.nextInt(BYTE_EDGES.length)] : (byte) r.nextInt(256);
        }
        return b;
    }

    /** 0 to max, biased to small sizes; 0, 1 and max often. */
    private static int size(SplittableRandom r, int max) {
        return switch (r.nextInt(20)) {
            case 0 -> 0;
            case 1 -> 1;
            case 2 -> max;
            default -> r.nextBoolean() ? r.nextInt(max / 4 + 1) : r.nextInt(max + 1);
        };
    }

    /** Any long, small ones (one- and two-byte varints), or an edge, alike often. */
    private static long longValue(SplittableRandom r) {
        return switch (r.nextInt(3)) {
            case 0 -> r.nextLong();
            case 1 -> r.nextLong(-200, 201);
            default -> LONG_EDGES[r.nextInt(LONG_EDGES.length)];
        };
    }

    private static int intValue(SplittableRandom r) {
        return switch (r.nextInt(3)) {
            case 0 -> r.nextInt();
            case 1 -> r.nextInt(-200, 201);
            default -> INT_EDGES[r.nextInt(INT_EDGES.length)];
        };
    }

    /** Two-decimal doubles of any magnitude, any bit pattern (NaN payloads, subnormals), or an edge, alike often. */
    private static double doubleValue(SplittableRandom r) {
        return switch (r.nextInt(3)) {
            case 0 -> {
                double magnitude = Math.pow(10, -2 + 310 * r.nextDouble());
                double d = magnitude < 1e15 ? Math.rint(magnitude * 100) / 100 : magnitude;
                yield r.nextBoolean() ? d : -d;
            }
            case 1 -> Double.longBitsToDouble(r.nextLong());
            default -> DOUBLE_EDGES[r.nextInt(DOUBLE_EDGES.length)];
        };
    }

    private static <T> T newRecord(Class<T> type) {
        try {
            return type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
