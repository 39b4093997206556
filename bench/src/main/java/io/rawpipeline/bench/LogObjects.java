package io.rawpipeline.bench;

import io.rawpipeline.local.samples.AlbLogGenerator;
import io.rawpipeline.local.samples.CloudFrontLogGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/**
 * Generates the objects of a benchmark run, in memory: CloudFront logs of the security-update-check distribution and
 * ALB logs of the push proxy, alternately, under the keys the connector's default routes take.
 */
public final class LogObjects {

    public static final String CLOUDFRONT_BUCKET = "mattermost-cloudfront-logs";
    public static final String ALB_BUCKET = "mattermost-push-proxy-logs";
    public static final String CLOUDFRONT_TOPIC = "raw.diagnostics";
    public static final String ALB_TOPIC = "raw.push-proxy";
    public static final String CLOUDFRONT_TABLE = "diagnostics.log_entries";
    public static final String ALB_TABLE = "push_proxy.logs_us_new";

    private static final long SEED = 20250601L;

    private LogObjects() {
    }

    /**
     * Objects of {@code objectBytes} (before gzip; the last may be smaller) until {@code totalBytes} are reached,
     * numbered from {@code firstIndex}. Each number gives its own seed and key, so no two objects are alike.
     */
    public static List<LogObject> generate(long totalBytes, long objectBytes, int firstIndex) {
        List<LogObject> objects = new ArrayList<>();
        long remaining = totalBytes;
        for (int i = firstIndex; remaining > 0; i++) {
            long budget = Math.min(objectBytes, remaining);
            LogObject object = i % 2 == 0 ? cloudFront(i, budget) : alb(i, budget);
            objects.add(object);
            remaining -= object.bytes();
        }
        return objects;
    }

    public static LogObject cloudFront(int index, long budget) {
        long rows = Math.max(1, budget / CloudFrontLogGenerator.TYPICAL_LINE_BYTES);
        ByteArrayOutputStream plain = new ByteArrayOutputStream((int) Math.min(budget + (1 << 16), Integer.MAX_VALUE));
        try {
            new CloudFrontLogGenerator(SEED + index).write(plain, rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String key = String.format(Locale.ROOT, "security-update-check/E2BENCH0CF0001.2025-06-01-%02d.%08x.gz",
                index % 24, SEED + index);
        return object(CLOUDFRONT_BUCKET, key, CLOUDFRONT_TOPIC, plain);
    }

    public static LogObject alb(int index, long budget) {
        long rows = Math.max(1, budget / AlbLogGenerator.TYPICAL_LINE_BYTES);
        ByteArrayOutputStream plain = new ByteArrayOutputStream((int) Math.min(budget + (1 << 16), Integer.MAX_VALUE));
        try {
            new AlbLogGenerator(SEED + index).write(plain, rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // the name AWS gives: account_service_region_load-balancer_end-time_ip_random
        String key = String.format(Locale.ROOT, "AWSLogs/123456789012/elasticloadbalancing/us-east-1/2025/06/01/"
                + "123456789012_elasticloadbalancing_us-east-1_app.push-proxy-us.7c1f0a2b3d4e5f60_20250601T%02d00Z"
                + "_10.0.1.17_%08x.log.gz", index % 24, SEED + index);
        return object(ALB_BUCKET, key, ALB_TOPIC, plain);
    }

    private static LogObject object(String bucket, String key, String topic, ByteArrayOutputStream plain) {
        byte[] bytes = plain.toByteArray();
        long lines = 0;
        for (byte b : bytes) {
            if (b == '\n') {
                lines++;
            }
        }
        ByteArrayOutputStream gzip = new ByteArrayOutputStream(bytes.length / 4);
        try (GZIPOutputStream out = new GZIPOutputStream(gzip, 1 << 16)) {
            out.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new LogObject(bucket, key, topic, gzip.toByteArray(), lines, bytes.length);
    }
}
