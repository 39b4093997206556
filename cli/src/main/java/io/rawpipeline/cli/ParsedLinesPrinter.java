package io.rawpipeline.cli;

import io.rawpipeline.formats.ObjectParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * Hands parsed records and rejects to their JSON writers (records only when printing is on) and remembers the last
 * line it saw, so a stream that breaks off can be reported with how far it got.
 */
final class ParsedLinesPrinter implements ObjectParser.Listener {

    private static final String LINE_FIELD = "source_line";

    private final RecordJsonWriter records;
    private final RejectJsonWriter rejects;
    private Schema schema;
    private int linePosition;
    private long lastLine;

    /** @param records null to parse without printing records */
    ParsedLinesPrinter(RecordJsonWriter records, RejectJsonWriter rejects) {
        this.records = records;
        this.rejects = rejects;
    }

    @Override
    public void record(SpecificRecord record) {
        if (record.getSchema() != schema) {
            schema = record.getSchema();
            linePosition = schema.getField(LINE_FIELD).pos(); // every RAW record carries its provenance
        }
        lastLine = (Long) record.get(linePosition);
        if (records != null) {
            try {
                records.write(record);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public void reject(long lineNumber, String reason, byte[] bytes, int offset, int length) {
        lastLine = lineNumber;
        try {
            rejects.write(lineNumber, reason, bytes, offset, length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The number of the last record or reject; directive lines after it are not counted. */
    long lastLine() {
        return lastLine;
    }
}
