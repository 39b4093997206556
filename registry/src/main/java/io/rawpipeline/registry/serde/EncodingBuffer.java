package io.rawpipeline.registry.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;

/**
 * A growable byte buffer and the Avro encoder that writes into it, both reused record after record by one thread.
 * The encoder is Avro's buffered one, made once: {@link ByteArrayOutputStream}'s methods are synchronized, so a direct
 * encoder, which writes each value to the stream, paid a lock per value (measured: ~0.9 µs more per 33-field record).
 */
public final class EncodingBuffer {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    private final BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);

    /** Empties the buffer; returns it for bytes that go before the record (a wire-format header). */
    public ByteArrayOutputStream restart() {
        bytes.reset();
        return bytes;
    }

    /** Appends the record's Avro binary encoding. */
    public <D> void encode(DatumWriter<D> writer, D datum) throws IOException {
        writer.write(datum, encoder);
        encoder.flush();
    }

    public int size() {
        return bytes.size();
    }

    public byte[] toByteArray() {
        return bytes.toByteArray();
    }
}
