package io.rawpipeline.local.samples;

import io.rawpipeline.local.samples.AlbLogGenerator;
import io.rawpipeline.local.samples.CloudFrontLogGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Objects of every source laid out as the S3 source's default routes expect them, and telemetry pings, each with a
 * known number of lines that parse and of lines that cannot (one per object or ping batch, with a value of the wrong
 * type), so a run knows exactly what must land where.
 */
public final class SampleObjects {

    /**
     * An object to upload: {@code table} is the parsed topic its lines go to; {@code pings}, how many of them are
     * security pings that also land in the pings table (diagnostics lines that request /security with a query).
     */
    public record Sample(String bucket, String key, byte[] bytes, String table, int rows, int badLines, int pings) {

        Sample(String bucket, String key, byte[] plain, boolean gzip, String table, int rows) {
            this(bucket, key, encode(plain, gzip), table, rows, 1,
                    table.equals(DIAGNOSTICS) ? securityRequests(plain) : 0);
        }
    }

    public static final String DIAGNOSTICS = "diagnostics.log_entries";
    public static final String RELEASES = "releases.log_entries";
    public static final String PUSH_PROXY_US = "push_proxy.logs_us_new";
    public static final String PUSH_PROXY_EU = "push_proxy.logs_eu_new";
    public static final String PUSH_PROXY_TEST = "push_proxy.logs_test_new";
    public static final String LICENSES = "licenses.licenses";
    public static final String SECURITY_PINGS = "telemetry.security_pings";

    static final String LICENSE_HEADER = "licenseid,customerid,company,email,stripeid,issuedat,expiresat,number";
    private static final String ALB_PREFIX = "AWSLogs/123456789012/elasticloadbalancing/";

    private SampleObjects() {
    }

    /**
     * {@code objectsPerTable} objects of {@code rowsPerObject} good lines and one bad line for each table fed from
     * S3, gzip and plain alternating; {@code run} keeps the keys of separate runs apart.
     */
    public static List<Sample> objects(String run, int objectsPerTable, int rowsPerObject) {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < objectsPerTable; i++) {
            boolean gzip = i % 2 == 0;
            String gz = gzip ? ".gz" : "";
            long seed = 1000L * i + run.hashCode();
            samples.add(new Sample("mattermost-cloudfront-logs", "security-update-check/E1DEMO." + run + "-" + i
                    + ".log" + gz, cloudFront(seed, rowsPerObject), gzip, DIAGNOSTICS, rowsPerObject));
            samples.add(new Sample("mattermost-cloudfront-logs", "releases/E2DEMO." + run + "-" + i + ".log" + gz,
                    cloudFront(seed + 1, rowsPerObject), gzip, RELEASES, rowsPerObject));
            samples.add(new Sample("mattermost-push-proxy-logs", ALB_PREFIX + "us-east-1/2025/06/01/" + run + "-" + i
                    + ".log" + gz, alb(seed + 2, rowsPerObject), gzip, PUSH_PROXY_US, rowsPerObject));
            samples.add(new Sample("mattermost-push-proxy-logs", ALB_PREFIX + "eu-west-1/2025/06/01/" + run + "-" + i
                    + ".log" + gz, alb(seed + 3, rowsPerObject), gzip, PUSH_PROXY_EU, rowsPerObject));
            samples.add(new Sample("mattermost-push-proxy-test-logs", ALB_PREFIX + "us-east-1/2025/06/01/" + run
                    + "-" + i + ".log" + gz, alb(seed + 4, rowsPerObject), gzip, PUSH_PROXY_TEST, rowsPerObject));
            samples.add(new Sample("mattermost-license-exports", "licenses-" + run + "-" + i + ".csv" + gz,
                    licenses(run + "-" + i, rowsPerObject), gzip, LICENSES, rowsPerObject));
        }
        return samples;
    }

    /** {@code count} pings as the gateway hands them on (the raw query string); the last one cannot parse. */
    public static List<String> pings(String run, int count) {
        List<String> pings = new ArrayList<>();
        for (int i = 0; i < count - 1; i++) {
            pings.add("id=" + run + "server" + i + "&b=9.11." + (i % 5) + "&be=" + (i % 2 == 0) + "&db=postgres"
                    + "&os=linux&uc=" + (10 + i) + "&tc=" + (1 + i % 3) + "&auc=" + (5 + i) + "&ut=0");
        }
        pings.add("id=" + run + "bad&b=9.11.1&be=true&db=postgres&os=linux&uc=many&tc=1&auc=1&ut=0");
        return pings;
    }

    /** Rows each table must end with, for these objects and pings (pings logged by CloudFront included). */
    public static Map<String, Long> expectedRows(List<Sample> objects, List<String> pings) {
        Map<String, Long> rows = new LinkedHashMap<>();
        long loggedPings = 0;
        for (Sample sample : objects) {
            rows.merge(sample.table(), (long) sample.rows(), Long::sum);
            loggedPings += sample.pings();
        }
        // the last ping cannot parse
        rows.merge(SECURITY_PINGS, loggedPings + Math.max(0, pings.size() - 1), Long::sum);
        return rows;
    }

    /** Lines the parse app must send to its dead-letter topic, for these objects and pings. */
    public static long expectedDeadLetters(List<Sample> objects, List<String> pings) {
        return objects.stream().mapToLong(Sample::badLines).sum() + (pings.isEmpty() ? 0 : 1);
    }

    /** Lines whose cs-uri-stem (the eighth field) is /security and whose cs-uri-query (the twelfth) is not empty. */
    private static int securityRequests(byte[] plain) {
        int requests = 0;
        for (String line : new String(plain, StandardCharsets.US_ASCII).split("\n")) {
            String[] fields = line.split("\t");
            if (fields.length > 11 && fields[7].equals("/security") && !fields[11].equals("-")) {
                requests++;
            }
        }
        return requests;
    }

    private static byte[] cloudFront(long seed, int rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, o -> new CloudFrontLogGenerator(seed).write(o, rows));
        // sc-bytes (the bytessent column) must be a number
        List<String> bad = new ArrayList<>(Collections.nCopies(CloudFrontLogGenerator.FIELDS.size(), "-"));
        bad.set(0, "2025-06-01");
        bad.set(1, "00:30:00");
        bad.set(3, "lots");
        out.writeBytes((String.join("\t", bad) + "\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static byte[] alb(long seed, int rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, o -> new AlbLogGenerator(seed).write(o, rows));
        // elb_status_code must be a number
        out.writeBytes(("https 2025-06-01T00:30:00.000000Z app/push-proxy/1 10.0.0.1:5000 - -1 -1 -1 abc - 34 0 "
                + "\"GET https://push.example.com:443/version HTTP/1.1\" \"curl/8.5.0\" - -\n")
                .getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static byte[] licenses(String run, int rows) {
        StringBuilder csv = new StringBuilder(LICENSE_HEADER).append("\r\n");
        for (int i = 0; i < rows; i++) {
            csv.append("lic-").append(run).append('-').append(i).append(",cust-").append(i % 50)
                    .append(",\"Company ").append(i).append(", Inc.\",admin").append(i).append("@example.com,cus_")
                    .append(i).append(',').append(1_700_000_000_000L + i).append(',')
                    .append(1_731_536_000_000L + i).append(',').append(10 + i % 500).append("\r\n");
        }
        // issuedat must be epoch millis
        csv.append("lic-").append(run).append("-bad,cust-0,Bad Co,bad@example.com,cus_0,yesterday,1731536000000,5\r\n");
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private interface Writer {
        void write(OutputStream out) throws IOException;
    }

    private static void write(ByteArrayOutputStream out, Writer writer) {
        try {
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory", e);
        }
    }

    private static byte[] encode(byte[] plain, boolean gzip) {
        if (!gzip) {
            return plain;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(plain.length / 4);
        write(out, o -> {
            try (GZIPOutputStream zip = new GZIPOutputStream(o)) {
                zip.write(plain);
            }
        });
        return out.toByteArray();
    }
}
