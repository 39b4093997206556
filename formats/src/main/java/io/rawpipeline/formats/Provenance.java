package io.rawpipeline.formats;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * Sets the provenance fields every RAW record carries ({@code source_file}, {@code source_line},
 * {@code ingested_at}) by position, which skips the generated setters' per-record timestamp truncation: an
 * {@link Origin}'s time is already in whole milliseconds.
 */
public final class Provenance {

    private final int sourceFile;
    private final int sourceLine;
    private final int ingestedAt;

    public Provenance(Schema schema) {
        this.sourceFile = schema.getField("source_file").pos();
        this.sourceLine = schema.getField("source_line").pos();
        this.ingestedAt = schema.getField("ingested_at").pos();
    }

    public void stamp(SpecificRecord record, Line line) {
        record.put(sourceFile, line.origin().sourceFile());
        record.put(sourceLine, line.number());
        record.put(ingestedAt, line.origin().ingestedAt());
    }
}
