package io.rawpipeline.cli.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.rawpipeline.cli.RunningPipeline;
import io.rawpipeline.cli.status.PipelineStatus.Connector;
import io.rawpipeline.cli.status.PipelineStatus.DeadLetterGroup;
import io.rawpipeline.cli.status.PipelineStatus.Table;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code pipeline status}: one screen that says whether every table is fresh and nothing is stuck or failing. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Per RAW table: lag of the parse app and the sinks, when the newest row landed, rows landed in "
                + "the last minute and hour; connectors and tasks; dead letters by reason; the S3 source's objects "
                + "in progress and notifications waiting.",
                "Exit code 0 healthy, 1 degraded (a connector or task not RUNNING, the parse app not ready, records "
                        + "waiting longer than --stale-after), 2 unreachable."})
public final class StatusCommand implements Callable<Integer> {

    private static final int DEAD_LETTER_GROUPS = 10;

    @Spec
    private CommandSpec spec;

    @Mixin
    private RunningPipeline pipeline;

    @Option(names = "--connect-url", paramLabel = "URL", description = "The Connect REST API (for a cluster).")
    private URI connectUrl;

    @Option(names = "--parse-app-url", paramLabel = "URL",
            description = "The parse app's health and metrics port (for a cluster; not asked when not given).")
    private URI parseAppUrl;

    @Option(names = "--queue-url", description = "The S3 source's SQS queue, to count notifications waiting.")
    private String queueUrl;

    @Option(names = "--stale-after", defaultValue = "5m",
            description = "Records waiting longer than this make the status degraded (default: ${DEFAULT-VALUE}).")
    private Duration staleAfter;

    @Option(names = "--json", description = "The status as one JSON object.")
    private boolean json;

    @Option(names = "--watch", paramLabel = "INTERVAL",
            description = "Print the status again every INTERVAL (e.g. 5s) until stopped.")
    private Duration watch;

    @Override
    public Integer call() throws Exception {
        if (staleAfter.isNegative() || staleAfter.isZero()) {
            throw new ParameterException(spec.commandLine(), "--stale-after must be positive, not " + staleAfter);
        }
        if (watch != null && (watch.isNegative() || watch.isZero())) {
            throw new ParameterException(spec.commandLine(), "--watch must be positive, not " + watch);
        }
        pipeline.check();
        boolean local = pipeline.isLocal();
        if (!local && connectUrl == null) {
            throw new ParameterException(spec.commandLine(), "--connect-url is needed with --bootstrap-servers");
        }
        StatusReader reader = new StatusReader(new StatusReader.Endpoints(pipeline.clientSettings(),
                pipeline.registryUrl(), local ? pipeline.localUri("connect.url") : connectUrl,
                local ? pipeline.localUri("parse.app.url") : parseAppUrl,
                local ? pipeline.localUri("sqs.endpoint") : null,
                local ? pipeline.localOr(queueUrl, "--queue-url", "queue.url") : queueUrl), staleAfter);
        PrintWriter out = spec.commandLine().getOut();
        while (true) {
            PipelineStatus status = reader.read();
            if (json) {
                out.println(new ObjectMapper().registerModule(new JavaTimeModule())
                        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).writeValueAsString(status));
            } else {
                print(status, out);
            }
            out.flush();
            if (watch == null) {
                return status.health().exitCode();
            }
            Thread.sleep(watch.toMillis());
        }
    }

    private static void print(PipelineStatus status, PrintWriter out) {
        out.printf("Pipeline at %s: %s%n", status.at(), status.health());
        status.problems().forEach(problem -> out.println("  ! " + problem));
        if (status.health() == PipelineStatus.Health.UNREACHABLE) {
            return;
        }
        out.printf("%nParse app: %s, %s raw records not yet parsed%n", status.parseApp(), status.parseLag());
        out.println("Connectors:");
        for (Connector connector : status.connectors()) {
            out.printf("  %-24s %-8s tasks %s%s%n", connector.name(), connector.state(), connector.tasks(),
                    connector.failure() == null ? "" : "  " + connector.failure());
        }
        out.printf("%n%-26s %10s %10s %12s %-22s %8s %9s  %s%n", "TABLE", "PARSE LAG", "SINK LAG", "WAITING", "NEWEST "
                + "LANDED", "ROWS 1m", "ROWS 1h", "SINKS");
        for (Table table : status.tables()) {
            out.printf("%-26s %10s %10s %12s %-22s %8s %9s  %s%n", table.table(), unknown(table.parseLag()),
                    unknown(table.sinkLag()), table.oldestWaitingSeconds() == null ? "-"
                            : table.oldestWaitingSeconds() + " s", age(table.newestLanded(), status.at()),
                    unknown(table.landedLastMinute()), unknown(table.landedLastHour()), String.join(", ",
                            table.sinks()));
        }
        out.printf("%nDead letters by reason, newest first:%n");
        if (status.deadLetters().isEmpty()) {
            out.println("  none");
        }
        status.deadLetters().stream().limit(DEAD_LETTER_GROUPS).forEach((DeadLetterGroup group) ->
                out.printf("  %6d  %-28s %s (newest %s)%n", group.count(), group.topic(), group.reason(),
                        group.newest()));
        if (status.deadLetters().size() > DEAD_LETTER_GROUPS) {
            out.printf("  … %d more reasons: pipeline dead-letters list%n",
                    status.deadLetters().size() - DEAD_LETTER_GROUPS);
        }
        out.printf("%nS3 source: %s objects in progress, %s notifications waiting%n",
                unknown(status.objectsInProgress()), unknown(status.notificationsWaiting()));
    }

    private static String unknown(Long value) {
        return value == null ? "unknown" : value.toString();
    }

    private static String age(Instant time, Instant now) {
        return time == null ? "none yet" : Duration.between(time, now).toSeconds() + " s ago";
    }
}
