package io.rawpipeline.formats.line;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds bytes eight at a time (SWAR: one 64-bit word per step), for the scans every line goes through: line breaks,
 * tabs, and whether a line is all ASCII.
 */
public final class ByteSearch {

    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long LOW_SEVEN_BITS = 0x7F7F7F7F7F7F7F7FL;
    private static final long HIGH_BITS = 0x8080808080808080L;

    private ByteSearch() {
    }

    /** The byte repeated over a word, for {@link #indexOf}. */
    public static long pattern(byte value) {
        return (value & 0xFFL) * ONES;
    }

    /** The 8 bytes of {@code b} at {@code i}, little-endian: byte i is the lowest. */
    public static long word(byte[] b, int i) {
        return (long) WORDS.get(b, i);
    }

    /** The high bit of each byte of {@code word} that equals the pattern's byte, and no other bit. */
    public static long matches(long word, long pattern) {
        long x = word ^ pattern;
        return ~(((x & LOW_SEVEN_BITS) + LOW_SEVEN_BITS) | x | LOW_SEVEN_BITS);
    }

    /** Index of the lowest byte flagged in a non-zero {@link #matches} result, relative to the word's start. */
    public static int firstFlagged(long flags) {
        return Long.numberOfTrailingZeros(flags) >>> 3;
    }

    /** The first index of {@code value} in {@code b[from, to)}, or -1. */
    public static int indexOf(byte[] b, int from, int to, byte value) {
        long pattern = pattern(value);
        int i = from;
        for (; i <= to - Long.BYTES; i += Long.BYTES) {
            long found = matches(word(b, i), pattern);
            if (found != 0) {
                return i + firstFlagged(found);
            }
        }
        for (; i < to; i++) {
            if (b[i] == value) {
                return i;
            }
        }
        return -1;
    }

    /** Whether {@code b[from, to)} holds only ASCII bytes. */
    public static boolean isAscii(byte[] b, int from, int to) {
        long any = 0;
        int i = from;
        for (; i <= to - Long.BYTES; i += Long.BYTES) {
            any |= word(b, i);
        }
        for (; i < to; i++) {
            any |= b[i];
        }
        return (any & HIGH_BITS) == 0;
    }
}
