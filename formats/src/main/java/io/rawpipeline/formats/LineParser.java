package io.rawpipeline.formats;

import org.apache.avro.specific.SpecificRecord;

/**
 * Turns one line into a RAW record. Any bytes give a {@link ParseResult}: a value that does not fit its field, or
 * any other failure of a parser, becomes a reject here, so no exception escapes to the pipeline.
 *
 * <p>A parser may cache what it derived from a columns line, so use one instance per thread.
 */
public abstract class LineParser<T extends SpecificRecord> {

    public final ParseResult<T> parse(Line line) {
        try {
            return read(line);
        } catch (BadValueException e) {
            return ParseResult.rejected(e.getMessage());
        } catch (RuntimeException e) {
            return ParseResult.rejected("unexpected error reading the line: " + e);
        }
    }

    /** Reads the line; may throw {@link BadValueException} with a message that names the field and the problem. */
    protected abstract ParseResult<T> read(Line line);
}
