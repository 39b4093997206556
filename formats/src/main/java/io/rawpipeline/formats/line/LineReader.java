package io.rawpipeline.formats.line;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a stream into lines without copying them: after {@link #next()} the current line is
 * {@code buffer()[offset(), offset() + length())}, valid until the next call.
 *
 * <p>A line ends at LF; a CR before it is dropped; a last line without LF counts. In quoted mode (CSV) an LF inside
 * double quotes does not end the line, so one CSV record spanning lines stays one line numbered by its first
 * physical line. A line longer than the limit is cut to the limit and marked {@link #truncated()}, so a stream
 * without line breaks cannot exhaust memory. A UTF-8 byte order mark before the first line is dropped.
 */
public final class LineReader implements Closeable {

    public static final int DEFAULT_MAX_LINE_BYTES = 1 << 20;

    private final InputStream in;
    private final boolean quoted;
    private final int maxLineBytes;

    private byte[] buffer = new byte[1 << 16];
    private int start;
    private int limit;
    private boolean eof;

    private int lineOffset;
    private int lineLength;
    private boolean truncated;
    private long number;
    private long nextNumber = 1;
    private byte[] truncatedLine;
    private boolean started;

    public LineReader(InputStream in, boolean quoted, int maxLineBytes) {
        this.in = in;
        this.quoted = quoted;
        this.maxLineBytes = maxLineBytes;
    }

    /** Reads lines of a plain or gzip stream (detected by magic bytes). */
    public static LineReader open(InputStream in, boolean quoted) throws IOException {
        return new LineReader(Decompression.decompressed(in), quoted, DEFAULT_MAX_LINE_BYTES);
    }

    /** Advances to the next line; false at the end of the stream. */
    public boolean next() throws IOException {
        truncated = false;
        truncatedLine = null;
        number = nextNumber;
        if (!started) {
            started = true;
            skipByteOrderMark();
        }
        return quoted ? nextQuoted() : nextPlain();
    }

    /**
     * Editors on Windows start UTF-8 files with EF BB BF. Left in, it would hide the first line's {@code #Version} or
     * {@code #Fields:} (every CloudFront line after it then a dead letter) or stick to the first CSV column's name.
     */
    private void skipByteOrderMark() throws IOException {
        while (limit - start < 3 && !eof) {
            fill();
        }
        if (limit - start >= 3 && buffer[start] == (byte) 0xEF && buffer[start + 1] == (byte) 0xBB
                && buffer[start + 2] == (byte) 0xBF) {
            start += 3;
        }
    }

    private boolean nextPlain() throws IOException {
        int scan = start;
        while (true) {
            int end = Math.min(limit, start + maxLineBytes + 1);
            int newline = ByteSearch.indexOf(buffer, scan, end, (byte) '\n');
            if (newline >= 0) {
                finishLine(newline, newline + 1);
                nextNumber = number + 1;
                return true;
            }
            if (end - start > maxLineBytes) {
                return skipRestOfLongLine(false, 0);
            }
            if (eof) {
                return finishLastLine(0);
            }
            scan = end - start;
            fill();
            scan += start;
        }
    }

    private boolean nextQuoted() throws IOException {
        int scan = start;
        boolean inQuotes = false;
        long breaks = 0;
        while (true) {
            while (scan < limit) {
                byte c = buffer[scan];
                if (c == '\n') {
                    if (!inQuotes) {
                        finishLine(scan, scan + 1);
                        nextNumber = number + breaks + 1;
                        return true;
                    }
                    breaks++;
                } else if (c == '"') {
                    inQuotes = !inQuotes;
                }
                scan++;
                if (scan - start > maxLineBytes) {
                    return skipRestOfLongLine(inQuotes, breaks);
                }
            }
            if (eof) {
                return finishLastLine(breaks);
            }
            scan -= start;
            fill();
            scan += start;
        }
    }

    private boolean finishLastLine(long breaks) {
        if (start == limit) {
            return false;
        }
        finishLine(limit, limit);
        nextNumber = number + breaks + 1;
        return true;
    }

    /** Keeps the first {@code maxLineBytes} bytes as the line and discards the rest up to the line's end. */
    private boolean skipRestOfLongLine(boolean inQuotes, long breaks) throws IOException {
        byte[] kept = Arrays.copyOfRange(buffer, start, start + maxLineBytes);
        int scan = start + maxLineBytes;
        while (true) {
            while (scan < limit) {
                byte c = buffer[scan++];
                if (c == '\n') {
                    if (!inQuotes) {
                        start = scan;
                        nextNumber = number + breaks + 1;
                        return keep(kept);
                    }
                    breaks++;
                } else if (c == '"' && quoted) {
                    inQuotes = !inQuotes;
                }
            }
            start = limit;
            if (eof) {
                nextNumber = number + breaks + 1;
                return keep(kept);
            }
            scan = 0;
            start = 0;
            limit = 0;
            fill();
        }
    }

    /** The cut line lives in its own array, as the buffer has moved on past it. */
    private boolean keep(byte[] kept) {
        truncatedLine = kept;
        truncated = true;
        lineOffset = 0;
        lineLength = kept.length;
        return true;
    }

    private void finishLine(int end, int nextStart) {
        lineOffset = start;
        lineLength = end - start;
        if (lineLength > 0 && buffer[end - 1] == '\r') {
            lineLength--;
        }
        start = nextStart;
    }

    /** Moves the unread part to the front (growing the buffer when it is full) and reads more. */
    private void fill() throws IOException {
        int unread = limit - start;
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, unread);
        } else if (unread == buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.min(buffer.length * 2, maxLineBytes + (1 << 16)));
        }
        start = 0;
        limit = unread;
        int read = in.read(buffer, limit, buffer.length - limit);
        if (read < 0) {
            eof = true;
        } else {
            limit += read;
        }
    }

    public byte[] buffer() {
        return truncatedLine != null ? truncatedLine : buffer;
    }

    public int offset() {
        return lineOffset;
    }

    public int length() {
        return lineLength;
    }

    /** 1-based number of the line's first physical line. */
    public long number() {
        return number;
    }

    /** Whether the line was longer than the limit and has been cut to it. */
    public boolean truncated() {
        return truncated;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
