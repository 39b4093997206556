package io.rawpipeline.formats;

import java.nio.charset.StandardCharsets;

/**
 * One line of an object, as bytes, with what a parser needs to read it on its own.
 *
 * <p>The bytes are not copied: {@code bytes[offset, offset + length)} is the line without its line break.
 *
 * @param origin  where the line comes from
 * @param number  1-based line number in the decompressed object, header and directive lines counted
 * @param columns the line of the object that names its columns (CloudFront {@code #Fields:}, the CSV header), or
 *                null when the object had none before this line
 */
public record Line(Origin origin, long number, String columns, byte[] bytes, int offset, int length) {

    public static Line of(Origin origin, long number, String columns, byte[] bytes) {
        return new Line(origin, number, columns, bytes, 0, bytes.length);
    }

    /** The line decoded as UTF-8 (malformed bytes replaced); for messages and for formats parsed as text. */
    public String text() {
        return new String(bytes, offset, length, StandardCharsets.UTF_8);
    }

    /** A copy of exactly the line's bytes, for dead letters. */
    public byte[] copyOfBytes() {
        byte[] copy = new byte[length];
        System.arraycopy(bytes, offset, copy, 0, length);
        return copy;
    }
}
