package io.rawpipeline.formats.alb;

import io.rawpipeline.formats.FieldProperty;
import io.rawpipeline.formats.Line;
import io.rawpipeline.formats.LineParser;
import io.rawpipeline.formats.ParseResult;
import io.rawpipeline.formats.Provenance;
import io.rawpipeline.formats.Values;
import io.rawpipeline.raw.AlbLogEntry;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * Parses a line of an Application Load Balancer access log: space-separated fields, some in double quotes (which
 * may hold spaces; the quotes are not kept). Fields are read by position; fields AWS appends after the known ones
 * are ignored, and lines of older logs that stop early leave the later fields null. {@code -} is null; timings of
 * {@code -1} stay -1.
 */
public final class AlbLineParser extends LineParser<AlbLogEntry> {

    private static final Provenance PROVENANCE = new Provenance(AlbLogEntry.getClassSchema());

    /** Lines must reach sent_bytes (field 12); every ALB log format since 2016 does. */
    static final int MIN_FIELDS = 12;

    private static final Schema SCHEMA = AlbLogEntry.getClassSchema();
    private static final int KNOWN_FIELDS;
    private static final int[] POSITIONS;
    private static final Schema.Type[] TYPES;
    private static final String[] NAMES;

    static {
        Map<Object, Schema.Field> byPosition = FieldProperty.fieldsBy(SCHEMA, "alb.position");
        KNOWN_FIELDS = byPosition.size();
        POSITIONS = new int[KNOWN_FIELDS];
        TYPES = new Schema.Type[KNOWN_FIELDS];
        NAMES = new String[KNOWN_FIELDS];
        for (Map.Entry<Object, Schema.Field> e : byPosition.entrySet()) {
            int index = ((Number) e.getKey()).intValue() - 1;
            POSITIONS[index] = e.getValue().pos();
            TYPES[index] = FieldProperty.valueType(e.getValue());
            NAMES[index] = "field " + (index + 1) + " (" + e.getValue().name() + ")";
        }
    }

    private final FieldSplitter splitter = new FieldSplitter(KNOWN_FIELDS);

    @Override
    protected ParseResult<AlbLogEntry> read(Line line) {
        byte[] b = line.bytes();
        if (line.length() == 0) {
            return ParseResult.rejected("empty line");
        }
        String utf8Problem = Values.utf8Problem(b, line.offset(), line.length());
        if (utf8Problem != null) {
            return ParseResult.rejected(utf8Problem);
        }
        int count = splitter.split(b, line.offset(), line.offset() + line.length());
        if (count < MIN_FIELDS) {
            return ParseResult.rejected("line has " + count + " fields but an ALB log line has at least " + MIN_FIELDS);
        }
        AlbLogEntry entry = new AlbLogEntry();
        for (int i = 0; i < count; i++) {
            int start = splitter.start(i);
            int length = splitter.end(i) - start;
            if (!Values.isDash(b, start, length)) {
                entry.put(POSITIONS[i], value(i, b, start, length));
            }
        }
        PROVENANCE.stamp(entry, line);
        return ParseResult.parsed(entry);
    }

    private static Object value(int index, byte[] b, int off, int len) {
        return switch (TYPES[index]) {
            case INT -> Values.parseInt(b, off, len, NAMES[index]);
            case LONG -> Values.parseLong(b, off, len, NAMES[index]);
            case DOUBLE -> Values.parseDouble(b, off, len, NAMES[index]);
            default -> new String(b, off, len, StandardCharsets.UTF_8);
        };
    }
}
