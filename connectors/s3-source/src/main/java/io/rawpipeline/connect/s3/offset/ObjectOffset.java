package io.rawpipeline.connect.s3.offset;

import java.util.Map;

/**
 * Where reading an object stands, as Connect stores it: the source partition is the object's bucket and key, the
 * offset the version read, the last line emitted, and whether that line was the object's last (or the object ended
 * in a reported failure). Committed in the same transaction as the lines, so a restart resumes at the next line.
 */
public record ObjectOffset(String version, long line, boolean complete) {

    static final String BUCKET = "bucket";
    static final String KEY = "key";
    static final String VERSION = "version";
    static final String LINE = "line";
    static final String COMPLETE = "complete";

    public static Map<String, String> partition(String bucket, String key) {
        return Map.of(BUCKET, bucket, KEY, key);
    }

    public Map<String, Object> toMap() {
        return Map.of(VERSION, version, LINE, line, COMPLETE, complete);
    }

    /** The stored offset, or null when there is none (or it is not one of ours). */
    public static ObjectOffset fromMap(Map<String, Object> map) {
        if (map == null || !(map.get(LINE) instanceof Number line)) {
            return null;
        }
        return new ObjectOffset(String.valueOf(map.getOrDefault(VERSION, "")), line.longValue(),
                Boolean.TRUE.equals(map.get(COMPLETE)));
    }

    /** The first line still to emit of {@code version}: 1 for a version not read before. */
    public long nextLineOf(String version) {
        return version.equals(this.version) ? line + 1 : 1;
    }

    public boolean completes(String version) {
        return complete && version.equals(this.version);
    }

    public static boolean isComplete(Map<String, ?> offset) {
        return offset != null && Boolean.TRUE.equals(offset.get(COMPLETE));
    }
}
