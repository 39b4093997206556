package io.rawpipeline.local.samples;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;

/**
 * Writes a synthetic CloudFront standard log (33 fields, plain text) that looks like the security-update-check
 * distribution's: mostly {@code /security} pings with long queries and URL-encoded user agents, about 450 bytes a
 * line. The same seed and line count always give the same bytes, so figures from different runs are comparable.
 */
public final class CloudFrontLogGenerator {

    /** The current CloudFront standard log fields, in the order AWS writes them. */
    public static final List<String> FIELDS = List.of(
            "date", "time", "x-edge-location", "sc-bytes", "c-ip", "cs-method", "cs(Host)", "cs-uri-stem",
            "sc-status", "cs(Referer)", "cs(User-Agent)", "cs-uri-query", "cs(Cookie)", "x-edge-result-type",
            "x-edge-request-id", "x-host-header", "cs-protocol", "cs-bytes", "time-taken", "x-forwarded-for",
            "ssl-protocol", "ssl-cipher", "x-edge-response-result-type", "cs-protocol-version", "fle-status",
            "fle-encrypted-fields", "c-port", "time-to-first-byte", "x-edge-detailed-result-type",
            "sc-content-type", "sc-content-len", "sc-range-start", "sc-range-end");

    /** Lines before the first row: {@code #Version:} and {@code #Fields:}. */
    public static final int HEADER_LINES = 2;

    /** What a row averages, to size an object from a byte budget; the test holds the generator to it. */
    public static final int TYPICAL_LINE_BYTES = 455;

    private static final long DEFAULT_SEED = 20250601L;
    private static final long START_EPOCH_SECOND = 1_748_736_000L; // 2025-06-01T00:00:00Z
    private static final long SPAN_SECONDS = 7 * 86_400L;

    private static final String[] EDGES = {"IAD89-C1", "IAD66-C2", "FRA56-P5", "LHR62-C2", "NRT57-P2", "SFO5-P1",
        "GRU3-C1", "SIN2-P4", "CDG52-P1", "DFW56-P3", "AMS58-P2", "BOM78-P1"};
    private static final String[] USER_AGENTS = {
        "Mozilla/5.0%20(Windows%20NT%2010.0;%20Win64;%20x64)%20AppleWebKit/537.36%20(KHTML,%20like%20Gecko)"
            + "%20Chrome/124.0.0.0%20Safari/537.36",
        "Mozilla/5.0%20(Macintosh;%20Intel%20Mac%20OS%20X%2010_15_7)%20AppleWebKit/605.1.15%20(KHTML,"
            + "%20like%20Gecko)%20Version/17.4.1%20Safari/605.1.15",
        "Mozilla/5.0%20(X11;%20Linux%20x86_64;%20rv:125.0)%20Gecko/20100101%20Firefox/125.0",
        "Go-http-client/1.1",
        "Go-http-client/1.1",
        "Go-http-client/1.1",
        "Go-http-client/2.0",
        "curl/8.5.0",
    };
    private static final String[] DATABASES = {"postgres", "postgres", "postgres", "mysql"};
    private static final String[] SYSTEMS = {"linux", "linux", "linux", "windows", "darwin", "freebsd"};
    private static final String[] RESULTS = {"Miss", "Miss", "Miss", "Hit", "RefreshHit", "Error"};
    private static final String[] STATUSES = {"200", "200", "200", "200", "200", "200", "304", "403", "404", "000"};
    private static final char[] REQUEST_ID_CHARS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-".toCharArray();
    private static final char[] SERVER_ID_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final long seed;

    public CloudFrontLogGenerator() {
        this(DEFAULT_SEED);
    }

    public CloudFrontLogGenerator(long seed) {
        this.seed = seed;
    }

    /** The file for {@code rows} rows under {@code dir}, written now unless an earlier run left it there. */
    public Path ensure(Path dir, long rows) throws IOException {
        Path file = dir.resolve("cloudfront-33-fields-" + rows + "-rows-seed-" + seed + ".log");
        if (Files.isRegularFile(file)) {
            return file;
        }
        Files.createDirectories(dir);
        // written aside and moved in place, so an interrupted run never leaves a short file under the final name
        Path partial = Files.createTempFile(dir, file.getFileName().toString(), ".partial");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 20)) {
            write(out, rows);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
        return file;
    }

    public void write(OutputStream out, long rows) throws IOException {
        out.write(("#Version: 1.0\n#Fields: " + String.join(" ", FIELDS) + "\n").getBytes(StandardCharsets.US_ASCII));
        Random random = new Random(seed);
        StringBuilder line = new StringBuilder(640);
        for (long row = 0; row < rows; row++) {
            line.setLength(0);
            appendRow(line, random, START_EPOCH_SECOND + row * SPAN_SECONDS / Math.max(rows, 1));
            line.append('\n');
            out.write(line.toString().getBytes(StandardCharsets.US_ASCII));
        }
    }

    private static void appendRow(StringBuilder b, Random r, long epochSecond) {
        long days = Math.floorDiv(epochSecond, 86_400L);
        int secondOfDay = (int) Math.floorMod(epochSecond, 86_400L);
        b.append(LocalDate.ofEpochDay(days)).append('\t');
        pad2(b, secondOfDay / 3600).append(':');
        pad2(b, secondOfDay / 60 % 60).append(':');
        pad2(b, secondOfDay % 60).append('\t');
        b.append(pick(r, EDGES)).append('\t');
        b.append(300 + r.nextInt(2200)).append('\t');
        appendClientIp(b, r).append('\t');
        b.append(r.nextInt(20) == 0 ? "HEAD" : "GET").append('\t');
        b.append("d111111abcdef8.cloudfront.net\t");
        boolean ping = r.nextInt(10) != 0;
        b.append(ping ? "/security" : r.nextBoolean() ? "/favicon.ico" : "/robots.txt").append('\t');
        b.append(pick(r, STATUSES)).append('\t');
        b.append(r.nextInt(16) == 0 ? "https://example.com/admin_console/about" : "-").append('\t');
        b.append(pick(r, USER_AGENTS)).append('\t');
        if (ping) {
            appendPingQuery(b, r);
        } else {
            b.append('-');
        }
        b.append('\t');
        b.append("-\t");
        String result = pick(r, RESULTS);
        b.append(result).append('\t');
        for (int i = 0; i < 54; i++) {
            b.append(REQUEST_ID_CHARS[r.nextInt(REQUEST_ID_CHARS.length)]);
        }
        b.append("==\t");
        b.append("securityupdatecheck.example.com\t");
        b.append("https\t");
        b.append(120 + r.nextInt(500)).append('\t');
        int millis = 1 + r.nextInt(300);
        appendSeconds(b, millis).append('\t');
        b.append(r.nextInt(20) == 0 ? "198.51.100.7" : "-").append('\t');
        boolean tls13 = r.nextInt(5) != 0;
        b.append(tls13 ? "TLSv1.3\tTLS_AES_128_GCM_SHA256\t" : "TLSv1.2\tECDHE-RSA-AES128-GCM-SHA256\t");
        b.append(result).append('\t');
        b.append(r.nextBoolean() ? "HTTP/2.0" : "HTTP/1.1").append('\t');
        b.append("-\t-\t");
        b.append(1024 + r.nextInt(64_512)).append('\t');
        appendSeconds(b, Math.max(1, millis - r.nextInt(millis))).append('\t');
        b.append(result).append('\t');
        b.append(ping ? "application/json" : "text/plain").append('\t');
        b.append(ping ? Integer.toString(40 + r.nextInt(1800)) : "-").append('\t');
        if (r.nextInt(50) == 0) {
            int start = r.nextInt(1 << 20);
            b.append(start).append('\t').append(start + r.nextInt(1 << 16));
        } else {
            b.append("-\t-");
        }
    }

    private static StringBuilder appendClientIp(StringBuilder b, Random r) {
        if (r.nextInt(7) == 0) {
            b.append("2600:1f18:");
            for (int group = 0; group < 6; group++) {
                b.append(HEX[r.nextInt(16)]).append(HEX[r.nextInt(16)]).append(HEX[r.nextInt(16)])
                        .append(HEX[r.nextInt(16)]);
                if (group < 5) {
                    b.append(':');
                }
            }
            return b;
        }
        return b.append(1 + r.nextInt(223)).append('.').append(r.nextInt(256)).append('.')
                .append(r.nextInt(256)).append('.').append(1 + r.nextInt(254));
    }

    /** The query a Mattermost-style server sends with its daily security-update check. */
    private static void appendPingQuery(StringBuilder b, Random r) {
        b.append("id=");
        for (int i = 0; i < 26; i++) {
            b.append(SERVER_ID_CHARS[r.nextInt(SERVER_ID_CHARS.length)]);
        }
        b.append("&b=").append(7 + r.nextInt(4)).append('.').append(r.nextInt(12)).append('.').append(r.nextInt(5));
        b.append("&be=").append(r.nextBoolean());
        b.append("&db=").append(pick(r, DATABASES));
        b.append("&os=").append(pick(r, SYSTEMS));
        b.append("&uc=").append(r.nextInt(5000));
        b.append("&tc=").append(1 + r.nextInt(40));
        b.append("&auc=").append(r.nextInt(3000));
        b.append("&ut=").append(r.nextInt(10) == 0 ? 1 : 0);
    }

    private static StringBuilder appendSeconds(StringBuilder b, int millis) {
        b.append(millis / 1000).append('.');
        int fraction = millis % 1000;
        if (fraction < 100) {
            b.append('0');
        }
        if (fraction < 10) {
            b.append('0');
        }
        return b.append(fraction);
    }

    private static StringBuilder pad2(StringBuilder b, int value) {
        return value < 10 ? b.append('0').append(value) : b.append(value);
    }

    private static String pick(Random r, String[] values) {
        return values[r.nextInt(values.length)];
    }
}
