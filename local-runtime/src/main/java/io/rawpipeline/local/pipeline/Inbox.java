package io.rawpipeline.local.pipeline;

import io.rawpipeline.local.ObjectUploads;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A folder per S3 source route: a file dropped into {@code inbox/<route>/} is uploaded where that route takes it,
 * with its notification, and moved to {@code inbox/<route>/uploaded/}. A file is taken once its size has stayed the
 * same for one look, so a file still being copied in is not uploaded half. It is moved only once its notification is
 * queued (on disk): after a crash in between it is still here, and the next start uploads and announces it again
 * (the same bytes, the same ETag: the S3 source skips it if it had read it).
 */
final class Inbox {

    /** Where a route's objects live: its bucket and a key prefix its key pattern accepts. */
    record Folder(String route, String bucket, String keyPrefix) {
    }

    private static final String ALB_KEYS = "AWSLogs/123456789012/elasticloadbalancing/";

    static final List<Folder> FOLDERS = List.of(
            new Folder("diagnostics", "mattermost-cloudfront-logs", "security-update-check/"),
            new Folder("releases", "mattermost-cloudfront-logs", "releases/"),
            new Folder("push-proxy-us", "mattermost-push-proxy-logs", ALB_KEYS + "us-east-1/{date}/"),
            new Folder("push-proxy-eu", "mattermost-push-proxy-logs", ALB_KEYS + "eu-west-1/{date}/"),
            new Folder("push-proxy-test", "mattermost-push-proxy-test-logs", ALB_KEYS + "us-east-1/{date}/"),
            // the route takes *.csv and *.csv.gz keys: another name is reported in the S3 source's error topic
            new Folder("licenses", "mattermost-license-exports", ""));

    private final Path root;
    private final ObjectUploads uploads;
    private final PrintWriter out;
    private final Map<Path, Long> sizes = new HashMap<>();

    Inbox(Path root, ObjectUploads uploads, PrintWriter out) throws IOException {
        this.root = root;
        this.uploads = uploads;
        this.out = out;
        for (Folder folder : FOLDERS) {
            Files.createDirectories(root.resolve(folder.route()).resolve("uploaded"));
        }
    }

    /** Uploads the files that have settled since the last look. */
    void uploadSettledFiles() throws IOException {
        for (Folder folder : FOLDERS) {
            Path dir = root.resolve(folder.route());
            List<Path> files;
            try (Stream<Path> listing = Files.list(dir)) {
                files = listing.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("."))
                        .toList();
            }
            for (Path file : files) {
                long size = Files.size(file);
                Long before = sizes.put(file, size);
                if (before != null && before == size) {
                    upload(folder, file);
                    sizes.remove(file);
                }
            }
        }
    }

    private void upload(Folder folder, Path file) throws IOException {
        String date = LocalDate.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy/MM/dd"));
        String key = folder.keyPrefix().replace("{date}", date) + file.getFileName();
        ObjectUploads.Upload upload = uploads.put(folder.bucket(), key, file);
        Files.move(file, file.resolveSibling("uploaded").resolve(file.getFileName()),
                StandardCopyOption.REPLACE_EXISTING);
        out.printf("  %s: uploaded %s (%,d bytes) and sent its notification%n", folder.route(),
                "s3://" + upload.bucket() + "/" + upload.key(), upload.size());
        out.flush();
    }
}
