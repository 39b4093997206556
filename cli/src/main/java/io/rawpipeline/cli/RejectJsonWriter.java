package io.rawpipeline.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Writes each rejected line as one JSON object: its number, why it was rejected, and the line as text. */
public final class RejectJsonWriter {

    private final JsonGenerator json;

    public RejectJsonWriter(JsonGenerator json) {
        this.json = json;
    }

    public void write(long lineNumber, String reason, byte[] bytes, int offset, int length) throws IOException {
        json.writeStartObject();
        json.writeNumberField("line", lineNumber);
        json.writeStringField("reason", reason);
        // malformed UTF-8 is replaced with U+FFFD: JSON holds text, the dead-letter topic keeps the exact bytes
        json.writeStringField("raw", new String(bytes, offset, length, StandardCharsets.UTF_8));
        json.writeEndObject();
        json.writeRaw('\n');
    }
}
