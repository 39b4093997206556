package io.rawpipeline.formats;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Typed values read straight from line bytes (no intermediate strings on the hot path), with errors that name the
 * field. Numbers accept only plain decimal notation: no hex, no {@code NaN}, no Java suffixes such as {@code 1d}.
 */
public final class Values {

    private Values() {
    }

    public static boolean isDash(byte[] b, int off, int len) {
        return len == 1 && b[off] == '-';
    }

    public static String text(byte[] b, int off, int len) {
        return new String(b, off, len, StandardCharsets.UTF_8);
    }

    public static long parseLong(byte[] b, int off, int len, String field) {
        int i = off;
        int end = off + len;
        boolean negative = false;
        if (i < end && (b[i] == '-' || b[i] == '+')) {
            negative = b[i] == '-';
            i++;
        }
        if (i == end || end - i > 19) {
            throw BadValueException.notA("a whole number", field, text(b, off, len));
        }
        long value = 0;
        for (; i < end; i++) {
            int digit = b[i] - '0';
            if (digit < 0 || digit > 9) {
                throw BadValueException.notA("a whole number", field, text(b, off, len));
            }
            value = value * 10 + digit;
            if (value < 0) {
                throw BadValueException.notA("a whole number in the range of a long", field, text(b, off, len));
            }
        }
        return negative ? -value : value;
    }

    public static int parseInt(byte[] b, int off, int len, String field) {
        long value = parseLong(b, off, len, field);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw BadValueException.notA("a whole number in the range of an int", field, text(b, off, len));
        }
        return (int) value;
    }

    public static double parseDouble(byte[] b, int off, int len, String field) {
        double fast = plainDecimal(b, off, len);
        if (!Double.isNaN(fast)) {
            return fast;
        }
        boolean digits = false;
        for (int i = off; i < off + len; i++) {
            byte c = b[i];
            if (c >= '0' && c <= '9') {
                digits = true;
            } else if (c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') {
                throw BadValueException.notA("a decimal number", field, text(b, off, len));
            }
        }
        if (!digits) {
            throw BadValueException.notA("a decimal number", field, text(b, off, len));
        }
        try {
            return Double.parseDouble(new String(b, off, len, StandardCharsets.ISO_8859_1));
        } catch (NumberFormatException e) {
            throw BadValueException.notA("a decimal number", field, text(b, off, len));
        }
    }

    private static final double[] POWERS_OF_TEN = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15};

    /**
     * {@code [-]digits[.digits]} with at most 15 digits, exactly as {@link Double#parseDouble} reads it: both the
     * digits as a whole number and the power of ten are exact doubles, so their quotient is correctly rounded
     * (Clinger's fast path). NaN for anything else, which then takes the slow path.
     */
    private static double plainDecimal(byte[] b, int off, int len) {
        int i = off;
        int end = off + len;
        boolean negative = i < end && b[i] == '-';
        if (negative) {
            i++;
        }
        long digits = 0;
        int count = 0;
        int fraction = -1;
        for (; i < end; i++) {
            int c = b[i];
            if (c >= '0' && c <= '9') {
                digits = digits * 10 + (c - '0');
                count++;
                if (fraction >= 0) {
                    fraction++;
                }
            } else if (c == '.' && fraction < 0) {
                fraction = 0;
            } else {
                return Double.NaN;
            }
        }
        if (count == 0 || count > 15 || fraction == 0) {
            return Double.NaN;
        }
        double value = fraction > 0 ? digits / POWERS_OF_TEN[fraction] : digits;
        return negative ? -value : value;
    }

    public static long parseLong(String value, String field) {
        byte[] b = value.getBytes(StandardCharsets.UTF_8);
        return parseLong(b, 0, b.length, field);
    }

    /** Null when the bytes are valid UTF-8 (the common, all-ASCII case is one fast scan); else what is wrong. */
    public static String utf8Problem(byte[] b, int off, int len) {
        int end = off + len;
        int i = off;
        while (i < end && b[i] >= 0) {
            i++;
        }
        if (i == end) {
            return null;
        }
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b, off, len));
            return null;
        } catch (CharacterCodingException e) {
            return "line is not valid UTF-8 (first non-ASCII byte at column " + (i - off + 1) + ")";
        }
    }
}
