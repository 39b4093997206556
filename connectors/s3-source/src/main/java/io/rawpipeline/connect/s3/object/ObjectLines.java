package io.rawpipeline.connect.s3.object;

import io.rawpipeline.formats.SourceFormat;
import io.rawpipeline.formats.line.Decompression;
import io.rawpipeline.formats.line.LineReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.ZipException;

/**
 * The lines of one object, streamed (plain or gzip, by magic bytes), each with the columns line it needs, and read
 * one line ahead so the last line is known as the last: its offset marks the object complete.
 */
public final class ObjectLines implements AutoCloseable {

    private final LineReader reader;
    private final SourceFormat format;
    private String columns;
    private ObjectLine ahead;
    private ReadFailure failureAhead;
    private boolean started;

    public ObjectLines(InputStream in, SourceFormat format, int maxLineBytes) throws ReadFailure {
        this.format = format;
        try {
            this.reader = new LineReader(Decompression.decompressed(in), format.quotedLines(), maxLineBytes);
        } catch (IOException e) {
            throw classify(e, 0);
        }
    }

    /** Reads past the lines before {@code firstLine} (already emitted), keeping the columns they name. */
    public void skipTo(long firstLine) throws ReadFailure {
        start();
        while (ahead != null && ahead.number() < firstLine) {
            next();
        }
    }

    /** The next line, or null after the last; a failure is thrown once the lines before it have been returned. */
    public ObjectLine next() throws ReadFailure {
        start();
        ObjectLine current = ahead;
        if (current == null) {
            if (failureAhead != null) {
                ReadFailure failure = failureAhead;
                failureAhead = null;
                throw failure;
            }
            return null;
        }
        try {
            ahead = read();
        } catch (ReadFailure e) {
            ahead = null;
            failureAhead = e;
        }
        boolean last = ahead == null && failureAhead == null;
        return last ? new ObjectLine(current.number(), current.bytes(), current.columns(), current.truncated(), true)
                : current;
    }

    private void start() throws ReadFailure {
        if (!started) {
            started = true;
            ahead = read();
        }
    }

    private ObjectLine read() throws ReadFailure {
        long reached = ahead == null ? 0 : ahead.number();
        try {
            if (!reader.next()) {
                return null;
            }
        } catch (IOException e) {
            throw classify(e, reached);
        }
        byte[] bytes = Arrays.copyOfRange(reader.buffer(), reader.offset(), reader.offset() + reader.length());
        ObjectLine line = new ObjectLine(reader.number(), bytes, columns, reader.truncated(), false);
        if (format.namesColumns(bytes, 0, bytes.length, columns != null)) {
            columns = new String(bytes, StandardCharsets.UTF_8);
        }
        return line;
    }

    /** Corrupt or cut-off data will read the same way again; a broken connection may not. */
    private static ReadFailure classify(IOException e, long reached) {
        String where = reached == 0 ? "before its first line" : "after line " + reached;
        if (e instanceof ZipException || e instanceof EOFException) {
            return new ReadFailure("the object is corrupt or truncated " + where + ": " + e, true, e);
        }
        return new ReadFailure("reading the object failed " + where + ": " + e, false, e);
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            // the object's lines are read; the connection going away now changes nothing
        }
    }
}
