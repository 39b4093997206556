package io.rawpipeline.formats;

import io.rawpipeline.formats.alb.AlbLineParser;
import io.rawpipeline.formats.cloudfront.CloudFrontLineParser;
import io.rawpipeline.formats.license.LicenseLineParser;
import io.rawpipeline.formats.ping.SecurityPingParser;
import io.rawpipeline.raw.AlbLogEntry;
import io.rawpipeline.raw.CloudFrontLogEntry;
import io.rawpipeline.raw.License;
import io.rawpipeline.raw.SecurityPing;
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
