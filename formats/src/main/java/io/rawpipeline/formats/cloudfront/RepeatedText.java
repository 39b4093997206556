package io.rawpipeline.formats.cloudfront;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Strings of a line's columns that reuse the previous line's string when the bytes are the same. Most columns of an
 * access log repeat from line to line (edge, method, host, status, result types, TLS), and a comparison is cheaper
 * than a new string and its garbage. Columns that seldom repeat (times, addresses, request ids) stop being compared
 * after a short trial.
 */
final class RepeatedText {

    private static final int TRIAL = 256;

    private final byte[][] lastBytes;
    private final int[] lastLength;
    private final String[] lastText;
    private final int[] lookups;
    private final int[] repeats;
    private final boolean[] skip;

    RepeatedText(int columns) {
        lastBytes = new byte[columns][16];
        lastLength = new int[columns];
        lastText = new String[columns];
        lookups = new int[columns];
        repeats = new int[columns];
        skip = new boolean[columns];
    }

    String of(int column, byte[] b, int off, int len, boolean ascii) {
        if (skip[column]) {
            return decode(b, off, len, ascii);
        }
        if (++lookups[column] == TRIAL) {
            skip[column] = repeats[column] < TRIAL / 2;
        }
        byte[] last = lastBytes[column];
        if (lastText[column] != null && lastLength[column] == len && Arrays.equals(b, off, off + len, last, 0, len)) {
            repeats[column]++;
            return lastText[column];
        }
        String text = decode(b, off, len, ascii);
        if (last.length < len) {
            last = new byte[Math.max(len, last.length * 2)];
            lastBytes[column] = last;
        }
        System.arraycopy(b, off, last, 0, len);
        lastLength[column] = len;
        lastText[column] = text;
        return text;
    }

    private static String decode(byte[] b, int off, int len, boolean ascii) {
        return new String(b, off, len, ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    }
}
