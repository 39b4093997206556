package io.rawpipeline.local.samples;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Random;

/**
 * Writes a synthetic Application Load Balancer access log that looks like the push proxy's: HTTPS {@code POST}s of
 * push notifications from server SDKs, a few health checks, rejected and failed requests, in the current 30-field
 * layout (through {@code conn_trace_id}) with its quoted fields. Seeded, so the same seed and line count always give
 * the same bytes.
 */
public final class AlbLogGenerator {

    /** What a line averages, to size an object from a byte budget; the test holds the generator to it. */
    public static final int TYPICAL_LINE_BYTES = 600;

    private static final long DEFAULT_SEED = 20250601L;
    private static final long START_EPOCH_SECOND = 1_748_736_000L; // 2025-06-01T00:00:00Z
    private static final long SPAN_SECONDS = 3_600L; // one object is one hour of one load balancer node
    private static final String ACCOUNT = "123456789012";
    private static final String REGION = "us-east-1";
    private static final String ELB = "app/push-proxy-us/7c1f0a2b3d4e5f60";
    private static final String TARGET_GROUP = "arn:aws:elasticloadbalancing:" + REGION + ":" + ACCOUNT
            + ":targetgroup/push-proxy/0a1b2c3d4e5f6071";
    private static final String CERTIFICATE = "arn:aws:acm:" + REGION + ":" + ACCOUNT
            + ":certificate/5f2c9d1e-7a3b-4c8d-9e0f-1a2b3c4d5e6f";
    private static final String DOMAIN = "push.example.com";

    private static final String[] REQUESTS = {
        "POST https://push.example.com:443/api/v1/send_push HTTP/1.1",
        "POST https://push.example.com:443/api/v1/send_push HTTP/1.1",
        "POST https://push.example.com:443/api/v1/send_push HTTP/1.1",
        "POST https://push.example.com:443/api/v1/send_push HTTP/1.1",
        "POST https://push.example.com:443/api/v1/ack HTTP/1.1",
        "GET https://push.example.com:443/version HTTP/1.1",
    };
    private static final String[] USER_AGENTS = {"Go-http-client/1.1", "Go-http-client/1.1", "Go-http-client/2.0",
        "Mattermost-Server/9.11.1", "curl/8.5.0"};
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final long seed;

    public AlbLogGenerator() {
        this(DEFAULT_SEED);
    }

    public AlbLogGenerator(long seed) {
        this.seed = seed;
    }

    public void write(OutputStream out, long rows) throws IOException {
        Random random = new Random(seed);
        StringBuilder line = new StringBuilder(800);
        for (long row = 0; row < rows; row++) {
            line.setLength(0);
            long micros = (START_EPOCH_SECOND + row * SPAN_SECONDS / Math.max(rows, 1)) * 1_000_000L
                    + random.nextInt(1_000_000);
            appendRow(line, random, micros);
            line.append('\n');
            out.write(line.toString().getBytes(StandardCharsets.US_ASCII));
        }
    }

    private static void appendRow(StringBuilder b, Random r, long epochMicros) {
        int outcome = r.nextInt(100); // 0-95 forwarded, 96-97 client closed (460), 98-99 target failed (502)
        boolean dispatched = outcome < 96;
        boolean https = r.nextInt(50) != 0;
        String target = "10.0." + (1 + r.nextInt(3)) + "." + (10 + r.nextInt(40)) + ":8066";
        int requestMillis = 2 + r.nextInt(250);

        b.append(https ? (r.nextInt(4) == 0 ? "h2" : "https") : "http").append(' ');
        appendTime(b, epochMicros).append(' ');
        b.append(ELB).append(' ');
        b.append(1 + r.nextInt(223)).append('.').append(r.nextInt(256)).append('.').append(r.nextInt(256))
                .append('.').append(1 + r.nextInt(254)).append(':').append(1024 + r.nextInt(64_000)).append(' ');
        if (outcome < 98 && outcome >= 96) {
            b.append("- -1 -1 -1 460 - ");
        } else {
            b.append(target).append(' ');
            b.append("0.000 ");
            appendSeconds(b, requestMillis).append(' ');
            b.append("0.000 ");
            b.append(dispatched ? "200 200 " : "502 - ");
        }
        b.append(300 + r.nextInt(1500)).append(' ');
        b.append(dispatched ? 150 + r.nextInt(200) : outcome < 98 ? 0 : 272).append(' ');
        String request = REQUESTS[r.nextInt(REQUESTS.length)];
        b.append('"').append(https ? request : request.replace("https://", "http://").replace(":443/", ":80/"))
                .append("\" ");
        b.append('"').append(USER_AGENTS[r.nextInt(USER_AGENTS.length)]).append("\" ");
        b.append(https ? "ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 " : "- - ");
        b.append(outcome >= 96 && outcome < 98 ? "-" : TARGET_GROUP).append(' ');
        b.append("\"Root=1-");
        appendHex(b, r, 8).append('-');
        appendHex(b, r, 24).append("\" ");
        b.append('"').append(DOMAIN).append("\" ");
        b.append('"').append(https ? CERTIFICATE : "-").append("\" ");
        b.append("0 ");
        appendTime(b, epochMicros - requestMillis * 1000L).append(' ');
        b.append("\"forward\" \"-\" ");
        b.append(outcome >= 98 ? "\"Target.ResponseCodeMismatch\" " : "\"-\" ");
        b.append('"').append(outcome >= 96 && outcome < 98 ? "-" : target).append("\" ");
        b.append('"').append(dispatched ? "200" : outcome < 98 ? "-" : "502").append("\" ");
        b.append("\"-\" \"-\" TID_");
        appendHex(b, r, 32);
    }

    private static StringBuilder appendTime(StringBuilder b, long epochMicros) {
        Instant instant = Instant.ofEpochSecond(Math.floorDiv(epochMicros, 1_000_000L));
        String seconds = instant.toString(); // 2025-06-01T00:00:00Z
        b.append(seconds, 0, seconds.length() - 1).append('.');
        String fraction = Long.toString(Math.floorMod(epochMicros, 1_000_000L));
        b.append("000000", 0, 6 - fraction.length()).append(fraction);
        return b.append('Z');
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

    private static StringBuilder appendHex(StringBuilder b, Random r, int digits) {
        for (int i = 0; i < digits; i++) {
            b.append(HEX[r.nextInt(16)]);
        }
        return b;
    }
}
