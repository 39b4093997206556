package io.rawpipeline.cli.replay;

import io.rawpipeline.registry.RegistryConfig;
import io.rawpipeline.streams.replay.Replay;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pipeline replay}: parses a raw topic's records of a time range again, while the live parse app runs. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Parses again the raw.<source> records whose timestamps are in [--from, --to) into the parsed "
                + "and dead-letter topics, exactly once, without stopping the live parse app.",
                "Interrupted, the same command resumes where it stopped; finished, it replays the range again."})
public final class ReplayCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--source", required = true, description = "The source to replay, e.g. diagnostics.")
    private String source;

    @Option(names = "--from", required = true, paramLabel = "INSTANT",
            description = "First raw record timestamp replayed, e.g. 2024-01-01T00:00:00Z.")
    private Instant from;

    @Option(names = "--to", paramLabel = "INSTANT",
            description = "Timestamp replayed records are before (exclusive); default: when the replay starts.")
    private Instant to;

    @Option(names = "--bootstrap-servers", defaultValue = "localhost:9092",
            description = "Kafka. Default: ${DEFAULT-VALUE}.")
    private String bootstrapServers;

    @Option(names = "--registry", paramLabel = "URL", defaultValue = "http://localhost:8081",
            description = "The schema registry's Confluent API. Default: ${DEFAULT-VALUE}.")
    private String registry;

    @Option(names = "--config", paramLabel = "FILE",
            description = "The parse app's settings file (source definitions, security, Streams overrides); "
                    + "--bootstrap-servers and --registry override it when given.")
    private Path configFile;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Map<String, Object> settings = new HashMap<>();
        if (configFile != null) {
            try {
                settings.putAll(Utils.propsToMap(Utils.loadProps(configFile.toString())));
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read --config " + configFile + ": "
                        + (e instanceof NoSuchFileException ? "no such file" : e.getMessage()));
            }
        }
        if (configFile == null || spec.commandLine().getParseResult().hasMatchedOption("--bootstrap-servers")
                || !settings.containsKey(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG)) {
            settings.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        }
        if (configFile == null || spec.commandLine().getParseResult().hasMatchedOption("--registry")
                || !settings.containsKey(RegistryConfig.SCHEMA_REGISTRY_URL_CONFIG)) {
            settings.put(RegistryConfig.SCHEMA_REGISTRY_URL_CONFIG, registry);
        }
        Replay replay = new Replay(settings, source, from, to);
        err.println("Replaying raw." + source + " from " + from + " to " + (to == null ? "now" : to)
                + " as " + replay.applicationId());
        err.flush();
        Replay.Summary summary;
        try {
            summary = replay.run(progress -> {
                err.println(line(progress));
                err.flush();
            }, Duration.ofSeconds(1));
        } catch (IllegalStateException e) {
            err.println("replay failed: " + e.getMessage());
            return 1;
        }
        err.printf("Done%s in %.1f s: %d raw offsets read, %d rows and %d dead letters written, %d outside the "
                        + "range skipped%n", summary.resumed() ? " (resumed)" : "", summary.took().toMillis() / 1000.0,
                summary.rawRecords(), summary.rows(), summary.deadLetters(), summary.outsideWindow());
        err.flush();
        return 0;
    }

    static String line(Replay.Progress progress) {
        StringBuilder line = new StringBuilder();
        long done = progress.doneTotal();
        long total = progress.totalTotal();
        line.append(String.format("%,d / %,d records", done, total));
        progress.total().forEach((tp, partitionTotal) -> line.append(String.format("  p%d %,d/%,d", tp.partition(),
                progress.done().get(tp), partitionTotal)));
        line.append(String.format("  %,.0f lines/s", progress.linesPerSecond()));
        if (progress.finished()) {
            line.append("  done");
        } else if (progress.linesPerSecond() > 0) {
            line.append("  ETA ").append((long) Math.ceil((total - done) / progress.linesPerSecond())).append(" s");
        } else {
            line.append("  ETA ?");
        }
        line.append(String.format("  (%,d rows, %,d dead letters)", progress.rows(), progress.deadLetters()));
        return line.toString();
    }
}
