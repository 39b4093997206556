package io.rawpipeline.registry.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.rawpipeline.raw.AlbLogEntry;
import io.rawpipeline.raw.CloudFrontLogEntry;
import io.rawpipeline.raw.DeadLetter;
import io.rawpipeline.raw.License;
import io.rawpipeline.raw.SecurityPing;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/** For every RAW record, the planned writer writes exactly Avro's bytes, which read back as the record. */
class PlannedRecordWriterProperties {

    private static final int TRIES = 1000;

    @Property(tries = TRIES)
    void writesTheSameBytesAsAvroForCloudFrontLogEntries(@ForAll("cloudFrontLogEntries") CloudFrontLogEntry record) {
        assertWritesAvroBytesThatReadBack(record);
    }

    @Property(tries = TRIES)
    void writesTheSameBytesAsAvroForAlbLogEntries(@ForAll("albLogEntries") AlbLogEntry record) {
        assertWritesAvroBytesThatReadBack(record);
    }

    @Property(tries = TRIES)
    void writesTheSameBytesAsAvroForLicenses(@ForAll("licenses") License record) {
        assertWritesAvroBytesThatReadBack(record);
    }

    @Property(tries = TRIES)
    void writesTheSameBytesAsAvroForSecurityPings(@ForAll("securityPings") SecurityPing record) {
        assertWritesAvroBytesThatReadBack(record);
    }

    @Property(tries = TRIES)
    void writesTheSameBytesAsAvroForDeadLetters(@ForAll("deadLetters") DeadLetter record) {
        assertWritesAvroBytesThatReadBack(record);
    }

    private static void assertWritesAvroBytesThatReadBack(SpecificRecord record) {
        byte[] bytes = RecordBytes.byPlan(record);

        assertThat(bytes).isEqualTo(RecordBytes.byAvro(record));
        assertThat(RecordBytes.read(bytes, record.getClass())).isEqualTo(asUtf8Carries(record));
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

    @Provide
    Arbitrary<CloudFrontLogEntry> cloudFrontLogEntries() {
        return records(CloudFrontLogEntry.class);
    }

    @Provide
    Arbitrary<AlbLogEntry> albLogEntries() {
        return records(AlbLogEntry.class);
    }

    @Provide
    Arbitrary<License> licenses() {
        return records(License.class);
    }

    @Provide
    Arbitrary<SecurityPing> securityPings() {
        return records(SecurityPing.class);
    }

    @Provide
    Arbitrary<DeadLetter> deadLetters() {
        return records(DeadLetter.class);
    }

    /** Records of a generated class with every field drawn from its schema; nullable fields are often null. */
    private static <T extends SpecificRecord> Arbitrary<T> records(Class<T> type) {
        Schema schema = SpecificData.getForClass(type).getSchema(type);
        List<Arbitrary<Object>> fields = schema.getFields().stream().map(f -> values(f.schema())).toList();
        return Combinators.combine(fields).as(values -> {
            T record = newRecord(type);
            for (int i = 0; i < values.size(); i++) {
                record.put(i, values.get(i));
            }
            return record;
        });
    }

    private static Arbitrary<Object> values(Schema schema) {
        switch (schema.getType()) {
            case UNION:
                Schema value = schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL)
                        .findFirst().orElseThrow();
                return values(value).injectNull(0.3);
            case STRING:
                return strings().map(s -> s);
            case LONG:
                if (schema.getLogicalType() instanceof LogicalTypes.TimestampMillis) {
                    return longs().map(Instant::ofEpochMilli);
                }
                return longs().map(n -> n);
            case INT:
                return Arbitraries.integers().map(n -> n);
            case DOUBLE:
                return doubles().map(d -> d);
            case BOOLEAN:
                return Arbitraries.of(true, false).map(b -> b);
            case BYTES:
                return Arbitraries.bytes().array(byte[].class).ofMaxSize(64).map(ByteBuffer::wrap);
            case MAP:
                Arbitrary<String> mapValues = schema.getValueType().getType() == Schema.Type.UNION
                        ? strings().injectNull(0.3) : strings();
                return Arbitraries.maps(strings(), mapValues).ofMaxSize(5).map(m -> m);
            default:
                throw new IllegalArgumentException("no values for " + schema);
        }
    }

    private static Arbitrary<String> strings() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ascii().ofMaxLength(80),
                Arbitraries.strings().all().ofMaxLength(20), // any char, lone surrogates included
                Arbitraries.of("", "-", "é", "日本語", "😀", "\uD800", "a\uDC00b", "\uDBFF\uDFFF", "\u0000"));
    }

    private static Arbitrary<Long> longs() {
        return Arbitraries.oneOf(Arbitraries.longs(), Arbitraries.longs().between(-200, 200),
                Arbitraries.of(Long.MIN_VALUE, Long.MAX_VALUE, 0L, -1L, 63L, 64L, -64L, -65L));
    }

    private static Arbitrary<Double> doubles() {
        return Arbitraries.oneOf(Arbitraries.doubles(), Arbitraries.longs().map(Double::longBitsToDouble),
                Arbitraries.of(Double.NaN, -0.0, 0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                        Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE));
    }

    private static <T> T newRecord(Class<T> type) {
        try {
            return type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
