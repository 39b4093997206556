package io.rawpipeline.cli.deadletters;

import io.rawpipeline.cli.RunningPipeline;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Which pipeline to look at and which of its dead letters: shared by list, show and redrive. */
public final class DeadLetterOptions {

    @Mixin
    private RunningPipeline pipeline;

    @Option(names = "--topic", description = "Only this dead-letter topic (repeatable), e.g. dead-letters.parse.")
    private List<String> topics = new ArrayList<>();

    @Option(names = "--reason", paramLabel = "TEXT", description = "Only dead letters whose reason contains TEXT.")
    private String reason;

    @Option(names = "--object", paramLabel = "TEXT",
            description = "Only dead letters of an object whose s3:// name contains TEXT.")
    private String object;

    @Option(names = "--since", paramLabel = "INSTANT", description = "Only dead letters written at or after it.")
    private Instant since;

    @Option(names = "--until", paramLabel = "INSTANT", description = "Only dead letters written before it.")
    private Instant until;

    /** Refuses what cannot work before anything connects. */
    void check() {
        for (String topic : topics) {
            if (!topic.startsWith(DeadLetterReader.PREFIX)) {
                throw new IllegalArgumentException("--topic " + topic + " is not a dead-letter topic ("
                        + DeadLetterReader.PREFIX + "*)");
            }
        }
        pipeline.check();
    }

    Map<String, Object> clientSettings() {
        return pipeline.clientSettings();
    }

    String registryUrl() {
        return pipeline.registryUrl();
    }

    Set<String> topics() {
        return new HashSet<>(topics);
    }

    boolean selects(DeadLetter letter) {
        return (reason == null || letter.reason().toLowerCase(Locale.ROOT).contains(reason.toLowerCase(Locale.ROOT)))
                && (object == null || letter.object() != null && letter.object().contains(object))
                && (since == null || !letter.time().isBefore(since))
                && (until == null || letter.time().isBefore(until));
    }
}
