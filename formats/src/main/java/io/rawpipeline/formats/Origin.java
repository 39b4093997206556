package io.rawpipeline.formats;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Where a line comes from, shared by every line of one object (or by the one line of a ping).
 *
 * @param sourceFile {@code s3://bucket/key}, {@code http:gateway}, or the path of a file parsed by hand
 * @param ingestedAt when the source read the line
 * @param clientIp   for pings received over HTTP: the first X-Forwarded-For hop, else the peer; otherwise null
 * @param userAgent  for pings received over HTTP: the request's User-Agent; otherwise null
 */
public record Origin(String sourceFile, Instant ingestedAt, String clientIp, String userAgent) {

    public Origin {
        Objects.requireNonNull(sourceFile, "sourceFile");
        // the records keep milliseconds (timestamp-millis)
        ingestedAt = ingestedAt.truncatedTo(ChronoUnit.MILLIS);
    }

    public static Origin of(String sourceFile, Instant ingestedAt) {
        return new Origin(sourceFile, ingestedAt, null, null);
    }
}
