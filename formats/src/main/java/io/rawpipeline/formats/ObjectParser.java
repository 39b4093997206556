package io.rawpipeline.formats;

import io.rawpipeline.formats.line.LineReader;
import java.io.IOException;
import java.io.InputStream;
import org.apache.avro.specific.SpecificRecord;

/**
 * Parses every line of one object or file, plain or gzip: keeps track of the line that names the columns and hands
 * each record and each reject to a listener. Used by {@code pipeline parse} and the benchmarks; the connector and the
 * Streams app do the same one line at a time.
 */
public final class ObjectParser {

    /** What becomes of each line. */
    public interface Listener {
        void record(SpecificRecord record);

        void reject(long lineNumber, String reason, byte[] bytes, int offset, int length);
    }

    /** Counts of one object's lines. */
    public record Summary(long lines, long records, long rejects, long directives) {
    }

    private final SourceFormat format;

    public ObjectParser(SourceFormat format) {
        this.format = format;
    }

    /** Reads the stream to its end; an I/O or decompression error is thrown after the lines before it were handed on. */
    public Summary parse(InputStream in, Origin origin, Listener listener) throws IOException {
        LineParser<? extends SpecificRecord> parser = format.newParser();
        long lines = 0;
        long records = 0;
        long rejects = 0;
        long directives = 0;
        String columns = null;
        try (LineReader reader = LineReader.open(in, format.quotedLines())) {
            while (reader.next()) {
                lines++;
                if (reader.truncated()) {
                    rejects++;
                    listener.reject(reader.number(), "line is longer than " + reader.length()
                            + " bytes; only its start is kept", reader.buffer(), reader.offset(), reader.length());
                    continue;
                }
                Line line = new Line(origin, reader.number(), columns, reader.buffer(), reader.offset(), reader.length());
                ParseResult<? extends SpecificRecord> result = parser.parse(line);
                if (result instanceof ParseResult.Parsed<? extends SpecificRecord> parsed) {
                    records++;
                    listener.record(parsed.record());
                } else if (result instanceof ParseResult.Rejected<?> rejected) {
                    rejects++;
                    listener.reject(reader.number(), rejected.reason(), reader.buffer(), reader.offset(), reader.length());
                } else if (result instanceof ParseResult.Directive<?> directive) {
                    directives++;
                    if (directive.columns() != null) {
                        columns = directive.columns();
                    }
                }
            }
        }
        return new Summary(lines, records, rejects, directives);
    }
}
