package io.rawpipeline.connect.s3.offset;

import java.util.Collections;
import java.util.LinkedHashMap;
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

    /**
     * The object's source partition, in one fixed order: {@code {"bucket":..,"key":..}}. Connect finds a stored offset
     * by the bytes of the partition as serialized, in the map's iteration order. This was a {@code Map.of}, whose
     * order is salted per JVM: a worker started in another JVM half the time looked up the other order, found no
     * offset and read a complete object again from line 1 (a whole object twice after a worker restart in a
     * {@code pipeline faults} run).
     */
    public static Map<String, String> partition(String bucket, String key) {
        return ordered(BUCKET, bucket, KEY, key);
    }

    /**
     * The same partition in the other order, {@code {"key":..,"bucket":..}}, which workers before the fixed order
     * wrote in about half their runs. Only looked up, never written; drop it when no stored offset has that order.
     */
    public static Map<String, String> legacyPartition(String bucket, String key) {
        return ordered(KEY, key, BUCKET, bucket);
    }

    private static Map<String, String> ordered(String k1, String v1, String k2, String v2) {
        Map<String, String> map = new LinkedHashMap<>();
        map.put(k1, v1);
        map.put(k2, v2);
        return Collections.unmodifiableMap(map);
    }

    /**
     * Of the offsets stored for an object under its two partition orders (either may be null), the one saying the
     * most about {@code version}: one that completes it, else the further line read of it, else any. Lines of a
     * version only grow (but for a forced re-read, which may then start over from line 1 once more), so the
     * furthest one is where reading stands, whichever order a worker wrote last.
     */
    public static ObjectOffset furthest(String version, ObjectOffset a, ObjectOffset b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        boolean aOfVersion = version.equals(a.version);
        boolean bOfVersion = version.equals(b.version);
        if (aOfVersion != bOfVersion) {
            return aOfVersion ? a : b;
        }
        if (a.complete != b.complete) {
            return a.complete ? a : b;
        }
        return b.line > a.line ? b : a;
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
