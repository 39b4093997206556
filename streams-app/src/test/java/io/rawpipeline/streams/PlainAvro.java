package io.rawpipeline.streams;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;
import io.rawpipeline.raw.AlbLogEntry;
import io.rawpipeline.raw.CloudFrontLogEntry;
import io.rawpipeline.raw.DeadLetter;
import io.rawpipeline.raw.License;
import io.rawpipeline.raw.SecurityPing;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Plain Avro binary without a registry, for TopologyTestDriver tests of the topology's logic. The registry serde
 * and its wire format are tested against a real registry in the integration tests.
 */
final class PlainAvro {

    static final Serializer<SpecificRecord> SERIALIZER = (topic, record) -> {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        try {
            new SpecificDatumWriter<SpecificRecord>(record.getSchema(), SpecificData.getForClass(record.getClass())).write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    };

    static {
        // Avro 1.12 instantiates record classes found by schema name only when trusted. The registry deserializer
        // trusts the package of the class it was given; this test reader trusts the generated records.
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(),
                ClassSecurityValidator.builder().add(CloudFrontLogEntry.class).add(AlbLogEntry.class)
                        .add(License.class).add(SecurityPing.class).add(DeadLetter.class).build()));
    }

    private PlainAvro() {
    }

    static <T extends SpecificRecord> T read(byte[] bytes, Class<T> type) {
        SpecificData model = SpecificData.getForClass(type);
        try {
            return new SpecificDatumReader<T>(model.getSchema(type), model.getSchema(type), model)
                    .read(null, DecoderFactory.get().binaryDecoder(bytes, null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
