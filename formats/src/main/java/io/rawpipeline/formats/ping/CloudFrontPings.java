package io.rawpipeline.formats.ping;

import io.rawpipeline.formats.Line;
import io.rawpipeline.formats.Origin;
import io.rawpipeline.formats.ParseResult;
import io.rawpipeline.raw.CloudFrontLogEntry;
import io.rawpipeline.raw.SecurityPing;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The security ping a CloudFront log line records: a request for {@value #PATH} is the same ping the gateway takes
 * over HTTP, logged by CloudFront. Its query string is parsed as the gateway's pings are; received at the request's
 * date and time, from the client address, with the (decoded) user agent. Provenance is the log line's, so a ping
 * from a log and a ping from the gateway tell themselves apart by {@code source_file}.
 */
public final class CloudFrontPings {

    public static final String PATH = "/security";

    private final SecurityPingParser parser = new SecurityPingParser();

    /**
     * The line's ping, or null when the line is no ping: not a request for {@value #PATH}, or one without a query
     * string (a probe, not a server's daily check).
     */
    public ParseResult<SecurityPing> of(CloudFrontLogEntry entry) {
        if (!PATH.equals(entry.getUri()) || entry.getCsUriQuery() == null || entry.getCsUriQuery().isEmpty()) {
            return null;
        }
        Instant requested;
        try {
            requested = LocalDate.parse(String.valueOf(entry.getLogdate()))
                    .atTime(LocalTime.parse(String.valueOf(entry.getLogtime()))).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return ParseResult.rejected("the request's date and time (" + entry.getLogdate() + " "
                    + entry.getLogtime() + ") are not a date and a time, so the ping has no received_at");
        }
        byte[] query = entry.getCsUriQuery().getBytes(StandardCharsets.UTF_8);
        Origin origin = new Origin(entry.getSourceFile(), requested, entry.getCip(), userAgent(entry.getUseragent()));
        ParseResult<SecurityPing> result = parser.parse(new Line(origin, entry.getSourceLine(), null, query, 0,
                query.length));
        if (result instanceof ParseResult.Parsed<SecurityPing> parsed) {
            parsed.record().setIngestedAt(entry.getIngestedAt()); // when the line was read, not when it was logged
        }
        return result;
    }

    /** CloudFront logs the user agent percent-encoded ({@code %20} for a space); a literal '+' stays a '+'. */
    private static String userAgent(String logged) {
        if (logged == null) {
            return null;
        }
        try {
            return URLDecoder.decode(logged.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return logged; // not valid percent-encoding: kept as logged
        }
    }
}
