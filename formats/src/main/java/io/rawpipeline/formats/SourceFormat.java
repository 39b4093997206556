package io.rawpipeline.formats;

import io.rawpipeline.formats.alb.AlbLineParser;
import io.rawpipeline.formats.cloudfront.CloudFrontLineParser;
import io.rawpipeline.formats.license.LicenseLineParser;
import io.rawpipeline.formats.ping.SecurityPingParser;
import io.rawpipeline.raw.AlbLogEntry;
import io.rawpipeline.raw.CloudFrontLogEntry;
import io.rawpipeline.raw.License;
import io.rawpipeline.raw.SecurityPing;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/** The formats the pipeline reads, each with its record schema and parser. */
public enum SourceFormat {
    CLOUDFRONT(CloudFrontLogEntry.getClassSchema(), false, CloudFrontLineParser::new),
    ALB(AlbLogEntry.getClassSchema(), false, AlbLineParser::new),
    LICENSE(License.getClassSchema(), true, LicenseLineParser::new),
    PING(SecurityPing.getClassSchema(), false, SecurityPingParser::new);

    private static final byte[] FIELDS_DIRECTIVE = "#Fields:".getBytes(StandardCharsets.US_ASCII);

    private final Schema schema;
    private final boolean quotedLines;
    private final Supplier<LineParser<? extends SpecificRecord>> parsers;

    SourceFormat(Schema schema, boolean quotedLines, Supplier<LineParser<? extends SpecificRecord>> parsers) {
        this.schema = schema;
        this.quotedLines = quotedLines;
        this.parsers = parsers;
    }

    /** The name used in configuration and on the command line: cloudfront, alb, license, ping. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Schema schema() {
        return schema;
    }

    /** Whether a line break inside double quotes belongs to the line (CSV). */
    public boolean quotedLines() {
        return quotedLines;
    }

    /**
     * Whether this line of an object names the columns of the lines after it (CloudFront's {@code #Fields:} line;
     * a CSV export's first line), decided without parsing it: a source passes the line on to the lines after it.
     */
    public boolean namesColumns(byte[] line, int offset, int length, boolean columnsKnown) {
        return switch (this) {
            case CLOUDFRONT -> startsWith(line, offset, length, FIELDS_DIRECTIVE);
            case LICENSE -> !columnsKnown && length > 0;
            case ALB, PING -> false;
        };
    }

    private static boolean startsWith(byte[] line, int offset, int length, byte[] prefix) {
        return length >= prefix.length && Arrays.equals(line, offset, offset + prefix.length, prefix, 0, prefix.length);
    }

    /** A new parser; parsers cache per-object state, so use one per thread. */
    public LineParser<? extends SpecificRecord> newParser() {
        return parsers.get();
    }

    public static SourceFormat fromId(String id) {
        for (SourceFormat format : values()) {
            if (format.id().equals(id)) {
                return format;
            }
        }
        throw new IllegalArgumentException("unknown format '" + id + "'; known formats: " + ids());
    }

    public static String ids() {
        return Arrays.stream(values()).map(SourceFormat::id).collect(Collectors.joining(", "));
    }
}
