package io.rawpipeline.connect.s3.object;

/**
 * One line of an object, copied out of the read buffer.
 *
 * @param columns   the object's line that names its columns, for lines after it; else null
 * @param truncated the line was longer than the limit and holds only its start
 * @param last      no line follows it in the object
 */
public record ObjectLine(long number, byte[] bytes, String columns, boolean truncated, boolean last) {
}
