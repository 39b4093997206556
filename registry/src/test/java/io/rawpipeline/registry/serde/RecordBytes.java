package io.rawpipeline.registry.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/** Encodes records with Avro's own writer or the planned one, and reads them back, for the writer's tests. */
final class RecordBytes {

    private RecordBytes() {
    }

    static byte[] byAvro(SpecificRecord record) {
        return encode(new SpecificDatumWriter<>(record.getSchema(), SpecificData.getForClass(record.getClass())),
                record);
    }

    static byte[] byPlan(SpecificRecord record) {
        return encode(PlannedRecordWriter.forRecord(record), record);
    }

    static <T extends SpecificRecord> T read(byte[] bytes, Class<T> type) {
        // the deserializer's model: it trusts the record's package, which Avro 1.12 asks of classes read by name
        SpecificData model = new AvroDeserializer.RecordPackageData(type);
        Schema schema = model.getSchema(type);
        try {
            return new SpecificDatumReader<T>(schema, schema, model)
                    .read(null, DecoderFactory.get().binaryDecoder(bytes, null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] encode(DatumWriter<SpecificRecord> writer, SpecificRecord record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        try {
            writer.write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
