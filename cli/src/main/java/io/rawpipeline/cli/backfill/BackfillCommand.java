package io.rawpipeline.cli.backfill;

import io.rawpipeline.cli.PathOptions;
import java.net.URI;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pipeline backfill}: the objects of a source and date range, announced to the S3 source's queue as S3 would
 * announce them, so they take the same path as live objects. The connector skips what it has ingested already
 * (its exactly-once offsets know each object version) unless {@code --force} asks it to read them again.
 */
@Command(name = "backfill", mixinStandardHelpOptions = true,
        description = {"Lists the objects of a source and date range in S3 and sends the S3 source connector's queue "
                + "an ObjectCreated notification for each, rate-limited. Objects already ingested are skipped by the "
                + "connector unless --force. Resumable: objects announced by an earlier run with the same arguments "
                + "are not announced again. AWS credentials come from the default provider chain (environment, "
                + "profile, instance role)."})
public final class BackfillCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--source", required = true, description = "diagnostics, releases, push-proxy or licenses.")
    private String source;

    @Option(names = "--from", required = true, description = "First day (UTC), e.g. 2024-01-01.")
    private LocalDate from;

    @Option(names = "--to", required = true, description = "Last day (UTC), included.")
    private LocalDate to;

    @Option(names = "--bucket", description = "Bucket to list instead of the source's default ones.")
    private String bucket;

    @Option(names = "--prefix", defaultValue = "", description = "Key prefix to list (with --bucket).")
    private String prefix;

    @Option(names = "--force", description = "Have the connector read objects it has already ingested again.")
    private boolean force;

    @Option(names = "--queue-url", required = true, description = "The S3 source connector's SQS queue.")
    private String queueUrl;

    @Option(names = "--region", defaultValue = "us-east-1", description = "AWS region (default: ${DEFAULT-VALUE}).")
    private String region;

    @Option(names = "--s3-endpoint", description = "S3-compatible endpoint (path-style), e.g. a local S3Proxy.")
    private URI s3Endpoint;

    @Option(names = "--sqs-endpoint", description = "SQS-compatible endpoint, e.g. a local ElasticMQ.")
    private URI sqsEndpoint;

    @Option(names = "--objects-per-second", defaultValue = "5", description = "Announcements a second, so live "
            + "loading keeps its freshness (default: ${DEFAULT-VALUE}).")
    private double objectsPerSecond;

    @Option(names = "--bootstrap-servers", description = "Kafka, to show the lines/s reaching the source's raw "
            + "topic while the backfill runs (optional).")
    private String bootstrapServers;

    @Option(names = "--state-dir", defaultValue = "data/backfill", description = "Where a run records what it "
            + "announced, to resume after Ctrl-C (default: ${DEFAULT-VALUE}).")
    private Path stateDir;

    @Override
    public Integer call() throws Exception {
        if (!Backfill.LOCATIONS.containsKey(source)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--source must be one of "
                    + Backfill.LOCATIONS.keySet() + ", not " + source);
        }
        if (to.isBefore(from) || objectsPerSecond <= 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--to must not be before --from, and --objects-per-second must be positive");
        }
        URI queue = URI.create(queueUrl);
        if (!"http".equals(queue.getScheme()) && !"https".equals(queue.getScheme())) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--queue-url must be the queue's "
                    + "https:// URL, not " + queueUrl);
        }
        PathOptions.folder(stateDir, "--state-dir");
        Backfill.Request request = new Backfill.Request(source, from, to, bucket, prefix, force, queueUrl, region,
                s3Endpoint, sqsEndpoint, objectsPerSecond, bootstrapServers, stateDir);
        new Backfill(request).run(spec.commandLine().getOut(), spec.commandLine().getErr());
        return 0;
    }
}
