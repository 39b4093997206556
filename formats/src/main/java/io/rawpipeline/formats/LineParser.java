package io.rawpipeline.formats;

import org.apache.avro.specific.SpecificRecord;

/**
 * Turns one line into a RAW record. Any bytes give a {@link ParseResult}: implementations never throw.
 *
 * <p>A parser may cache what it derived from a columns line, so use one instance per thread.
 */
public interface LineParser<T extends SpecificRecord> {

    ParseResult<T> parse(Line line);
}
