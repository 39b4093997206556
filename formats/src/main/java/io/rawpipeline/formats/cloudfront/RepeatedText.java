package io.rawpipeline.formats.cloudfront;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Strings of a line's columns that reuse the previous line's string when the bytes are the same. Most columns of an
 * access log repeat from line to line, and a comparison is cheaper than a new string (and its garbage).
 */
final class RepeatedText {

    private final byte[][] lastBytes;
    private final int[] lastLength;
    private final String[] lastText;

    RepeatedText(int columns) {
        lastBytes = new byte[columns][16];
        lastLength = new int[columns];
        lastText = new String[columns];
    }

    String of(int column, byte[] b, int off, int len, boolean ascii) {
        byte[] last = lastBytes[column];
        if (lastText[column] != null && lastLength[column] == len && Arrays.equals(b, off, off + len, last, 0, len)) {
            return lastText[column];
        }
        String text = new String(b, off, len, ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
        if (last.length < len) {
            last = new byte[Math.max(len, last.length * 2)];
            lastBytes[column] = last;
        }
        System.arraycopy(b, off, last, 0, len);
        lastLength[column] = len;
        lastText[column] = text;
        return text;
    }
}
