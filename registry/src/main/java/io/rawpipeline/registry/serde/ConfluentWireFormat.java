package io.rawpipeline.registry.serde;

import java.io.ByteArrayOutputStream;
import org.apache.kafka.common.errors.SerializationException;

/** Confluent's framing of a record: magic byte 0, the writer schema's id as a 4-byte big-endian int, the payload. */
final class ConfluentWireFormat {

    static final byte MAGIC_BYTE = 0;
    static final int HEADER_SIZE = 5;

    private ConfluentWireFormat() {
    }

    static void writeHeader(ByteArrayOutputStream out, int schemaId) {
        out.write(MAGIC_BYTE);
        out.write(schemaId >>> 24);
        out.write(schemaId >>> 16);
        out.write(schemaId >>> 8);
        out.write(schemaId);
    }

    /** The writer schema id of a framed record; rejects data that is not in this format. */
    static int schemaId(String topic, byte[] data) {
        if (data.length < HEADER_SIZE) {
            throw new SerializationException("Record from topic '" + topic + "' has " + data.length
                    + " bytes, fewer than the " + HEADER_SIZE + "-byte Confluent wire format header (magic byte"
                    + " and schema id)");
        }
        if (data[0] != MAGIC_BYTE) {
            throw new SerializationException(String.format("Unknown magic byte 0x%02x in record from topic '%s':"
                    + " expected 0x00 of the Confluent wire format; was it written by a schema registry serializer?",
                    data[0] & 0xff, topic));
        }
        return (data[1] & 0xff) << 24 | (data[2] & 0xff) << 16 | (data[3] & 0xff) << 8 | data[4] & 0xff;
    }

    static String subject(String topic, boolean isKey) {
        return topic + (isKey ? "-key" : "-value");
    }
}
