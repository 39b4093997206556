package io.rawpipeline.cli.backfill;

import io.rawpipeline.connect.s3.config.AwsClients;
import io.rawpipeline.connect.s3.config.AwsConfig;
import io.rawpipeline.connect.s3.config.QueueConfig;
import io.rawpipeline.connect.s3.config.Route;
import io.rawpipeline.connect.s3.config.S3SourceConfig;
import io.rawpipeline.connect.s3.notification.S3EventParser;
import io.rawpipeline.local.S3Events;
import io.rawpipeline.local.pipeline.Landing;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A backfill: the objects of a source and date range, listed in S3 and announced to the S3 source's queue as S3
 * would announce them, so they take the same path as live objects, rate-limited, and resumable from a state file
 * of what an earlier run with the same request announced.
 */
final class Backfill {

    /** Where each source's objects are: the buckets and key prefixes of the S3 source's default routes. */
    static final Map<String, List<String>> LOCATIONS = Map.of(
            "diagnostics", List.of("mattermost-cloudfront-logs/security-update-check/"),
            "releases", List.of("mattermost-cloudfront-logs/releases/"),
            "push-proxy", List.of("mattermost-push-proxy-logs/AWSLogs/", "mattermost-push-proxy-test-logs/AWSLogs/"),
            "licenses", List.of("mattermost-license-exports/"));
    /** CloudFront: {@code <distribution>.YYYY-MM-DD-HH.<id>.gz}; ALB: {@code …/<region>/YYYY/MM/DD/…}. */
    private static final Pattern CLOUDFRONT_DATE = Pattern.compile("\\.(\\d{4}-\\d{2}-\\d{2})-\\d{2}\\.[^/]*$");
    private static final Pattern ALB_DATE = Pattern.compile("/(\\d{4})/(\\d{2})/(\\d{2})/[^/]*$");

    /**
     * What to announce: a source (or a bucket and prefix of its objects), a date range (UTC days, both included),
     * whether the connector should read ingested objects again, the queue and where S3 and SQS are, the rate, Kafka
     * for the progress line (optional) and the folder of the state files.
     */
    record Request(String source, LocalDate from, LocalDate to, String bucket, String prefix, boolean force,
            String queueUrl, String region, URI s3Endpoint, URI sqsEndpoint, double objectsPerSecond,
            String bootstrapServers, Path stateDir) {
    }

    private final Request request;

    Backfill(Request request) {
        this.request = request;
    }

    /** Announces the objects: the summary to {@code out}, progress to {@code progress}. */
    void run(PrintWriter out, PrintWriter progress) throws IOException, InterruptedException {
        // the connector's own settings: its routes decide what belongs to the source, its clients reach S3 and SQS
        Map<String, String> settings = new HashMap<>(Map.of(QueueConfig.QUEUE_URL_CONFIG, request.queueUrl(),
                AwsConfig.REGION_CONFIG, request.region()));
        if (request.s3Endpoint() != null) {
            settings.put(AwsConfig.S3_ENDPOINT_CONFIG, request.s3Endpoint().toString());
            settings.put(AwsConfig.S3_PATH_STYLE_CONFIG, "true");
            settings.put(AwsConfig.CHECKSUM_MODE_CONFIG, AwsConfig.CHECKSUM_WHEN_REQUIRED);
        }
        if (request.sqsEndpoint() != null) {
            settings.put(AwsConfig.SQS_ENDPOINT_CONFIG, request.sqsEndpoint().toString());
        }
        S3SourceConfig routes = new S3SourceConfig(settings);
        String rawTopic = "raw." + request.source();
        Path state = request.stateDir().resolve(String.format(Locale.ROOT, "%s-%s-%s%s.announced",
                request.source(), request.from(), request.to(), request.force() ? "-force" : ""));
        Set<String> announced = readState(state);

        try (S3Client s3 = AwsClients.s3(routes); SqsClient sqs = AwsClients.sqs(routes)) {
            List<S3Object> objects = new ArrayList<>();
            List<String> buckets = new ArrayList<>();
            List<String> locations = request.bucket() != null ? List.of(request.bucket() + "/" + request.prefix())
                    : LOCATIONS.get(request.source());
            for (String location : locations) {
                String listedBucket = location.substring(0, location.indexOf('/'));
                String listedPrefix = location.substring(location.indexOf('/') + 1);
                for (S3Object object : s3.listObjectsV2Paginator(r -> r.bucket(listedBucket).prefix(listedPrefix))
                        .contents()) {
                    // only what the connector would route to this source, in the date range
                    if (routes.routeOf(listedBucket, object.key()).map(Route::topic).filter(rawTopic::equals)
                            .isPresent() && inRange(object)) {
                        objects.add(object);
                        buckets.add(listedBucket);
                    }
                }
            }
            long totalBytes = objects.stream().mapToLong(S3Object::size).sum();
            progress.printf(Locale.ROOT, "%d objects of %s (%s to %s), %.1f MB; %d announced by an earlier run%n",
                    objects.size(), request.source(), request.from(), request.to(), totalBytes / 1e6,
                    objects.stream().filter(o -> announced.contains(o.key())).count());
            progress.flush();
            long started = System.nanoTime();
            long linesAtStart = rawLines(rawTopic);
            long lastReport = 0;
            int sent = 0;
            long sentBytes = 0;
            for (int i = 0; i < objects.size(); i++) {
                S3Object object = objects.get(i);
                if (announced.contains(object.key())) {
                    continue;
                }
                long due = started + (long) (sent / request.objectsPerSecond() * 1e9);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                announce(sqs, buckets.get(i), object);
                Files.writeString(state, object.key() + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
                sent++;
                sentBytes += object.size();
                if (System.nanoTime() - lastReport > 1_000_000_000L || sent == objects.size()) {
                    lastReport = System.nanoTime();
                    double seconds = (lastReport - started) / 1e9;
                    double rate = sentBytes / Math.max(seconds, 1e-3);
                    String lines = request.bootstrapServers() == null ? ""
                            : String.format(Locale.ROOT, ", %,.0f lines/s into %s", (rawLines(rawTopic)
                                    - linesAtStart) / Math.max(seconds, 1e-3), rawTopic);
                    progress.printf(Locale.ROOT, "\r  %d/%d objects, %.1f/%.1f MB, %.1f MB/s%s, ETA %.0f s   ", sent,
                            objects.size(), sentBytes / 1e6, totalBytes / 1e6, rate / 1e6, lines,
                            (totalBytes - sentBytes) / Math.max(rate, 1));
                    progress.flush();
                }
            }
            out.printf(Locale.ROOT, "%nAnnounced %d objects (%.1f MB) to %s%s in %.1f s; the S3 source reads them "
                            + "as it reads live ones%s.%n", sent, sentBytes / 1e6, request.queueUrl(),
                    request.force() ? " for reading again" : "", (System.nanoTime() - started) / 1e9,
                    request.force() ? "" : " and skips those it has ingested already");
            out.flush();
        }
    }

    /** Records in the raw topic now (its end offsets; transaction markers make this a slight overcount). */
    private long rawLines(String rawTopic) {
        return request.bootstrapServers() == null ? 0 : Landing.endOffsets(request.bootstrapServers(),
                List.of(rawTopic)).values().stream().mapToLong(Long::longValue).sum();
    }

    private boolean inRange(S3Object object) {
        LocalDate day = dayOf(object.key());
        if (day == null) {
            day = LocalDate.ofInstant(object.lastModified(), ZoneOffset.UTC); // licenses: named by no date
        }
        return !day.isBefore(request.from()) && !day.isAfter(request.to());
    }

    static LocalDate dayOf(String key) {
        Matcher cloudFront = CLOUDFRONT_DATE.matcher(key);
        if (cloudFront.find()) {
            return LocalDate.parse(cloudFront.group(1));
        }
        Matcher alb = ALB_DATE.matcher(key);
        if (alb.find()) {
            return LocalDate.of(Integer.parseInt(alb.group(1)), Integer.parseInt(alb.group(2)),
                    Integer.parseInt(alb.group(3)));
        }
        return null;
    }

    private void announce(SqsClient sqs, String objectBucket, S3Object object) {
        String event = S3Events.objectCreated(new S3Events.ObjectCreated(request.region(), objectBucket, object.key(),
                object.size(), object.eTag().replace("\"", ""), null, "0", Instant.now()));
        String body = request.force() ? "{\"" + S3EventParser.REINGEST_FIELD + "\":true," + event.substring(1) : event;
        sqs.sendMessage(r -> r.queueUrl(request.queueUrl()).messageBody(body));
    }

    private Set<String> readState(Path state) throws IOException {
        Files.createDirectories(state.getParent());
        return Files.exists(state) ? new HashSet<>(Files.readAllLines(state, StandardCharsets.UTF_8)) : new HashSet<>();
    }
}
