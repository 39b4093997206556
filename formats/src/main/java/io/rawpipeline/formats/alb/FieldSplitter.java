package io.rawpipeline.formats.alb;

import io.rawpipeline.formats.BadValueException;

/**
 * Finds the fields of an ALB log line: separated by spaces; a field that starts with a double quote runs to the
 * closing quote (a backslash-escaped quote does not close it) and is returned without its quotes.
 */
final class FieldSplitter {

    private final int maxFields;
    private final int[] starts;
    private final int[] ends;

    FieldSplitter(int maxFields) {
        this.maxFields = maxFields;
        this.starts = new int[maxFields];
        this.ends = new int[maxFields];
    }

    /** Splits {@code b[off, end)} and returns how many fields it found, at most {@code maxFields}. */
    int split(byte[] b, int off, int end) {
        int count = 0;
        int i = off;
        while (count < maxFields) {
            while (i < end && b[i] == ' ') {
                i++;
            }
            if (i == end) {
                break;
            }
            if (b[i] == '"') {
                int close = closingQuote(b, i + 1, end, count);
                starts[count] = i + 1;
                ends[count] = close;
                i = close + 1;
                if (i < end && b[i] != ' ') {
                    throw new BadValueException("field " + (count + 1) + ": text right after its closing quote");
                }
            } else {
                starts[count] = i;
                while (i < end && b[i] != ' ') {
                    i++;
                }
                ends[count] = i;
            }
            count++;
        }
        return count;
    }

    private static int closingQuote(byte[] b, int from, int end, int field) {
        for (int i = from; i < end; i++) {
            if (b[i] == '\\') {
                i++;
            } else if (b[i] == '"') {
                return i;
            }
        }
        throw new BadValueException("field " + (field + 1) + ": quote not closed before the end of the line");
    }

    int start(int field) {
        return starts[field];
    }

    int end(int field) {
        return ends[field];
    }
}
