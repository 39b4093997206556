package io.rawpipeline.cli.deadletters;

import io.rawpipeline.local.pipeline.LocalPipeline;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.common.utils.Utils;
import picocli.CommandLine.Option;

/** Which pipeline to look at and which dead letters: shared by list, show and redrive. */
public final class DeadLetterOptions {

    private static final Path HOME = Path.of(System.getProperty("pipeline.home", "."));

    @Option(names = "--data-dir", description = "The data folder of a running 'pipeline local' to look at "
            + "(default: data/local in the repository); --bootstrap-servers and --registry replace it.")
    private Path dataDir;

    @Option(names = "--bootstrap-servers", description = "Kafka of the pipeline to look at.")
    private String bootstrapServers;

    @Option(names = "--registry", paramLabel = "URL", description = "Its schema registry's Confluent API.")
    private String registry;

    @Option(names = "--client-config", paramLabel = "FILE",
            description = "Kafka client settings (TLS, SASL) for --bootstrap-servers.")
    private Path clientConfig;

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
        if ((bootstrapServers == null) != (registry == null)) {
            throw new IllegalArgumentException("--bootstrap-servers and --registry go together (or neither, for the "
                    + "running 'pipeline local' of --data-dir)");
        }
        for (String topic : topics) {
            if (!topic.startsWith(DeadLetterReader.PREFIX)) {
                throw new IllegalArgumentException("--topic " + topic + " is not a dead-letter topic ("
                        + DeadLetterReader.PREFIX + "*)");
            }
        }
        clientSettings();
        registryUrl();
    }

    /** Kafka client settings of the pipeline looked at. */
    Map<String, Object> clientSettings() {
        Map<String, Object> settings = new HashMap<>();
        if (clientConfig != null) {
            try {
                settings.putAll(Utils.propsToMap(Utils.loadProps(clientConfig.toString())));
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read --client-config " + clientConfig + ": "
                        + (e instanceof NoSuchFileException ? "no such file" : e.getMessage()));
            }
        }
        settings.put("bootstrap.servers", address("--bootstrap-servers", bootstrapServers, "bootstrap.servers"));
        return settings;
    }

    String registryUrl() {
        return address("--registry", registry, "schema.registry.url");
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

    /** An address given on the command line, else the running local pipeline's. */
    private String address(String option, String given, String key) {
        if (given != null) {
            return given;
        }
        Path folder = dataDir != null ? dataDir : HOME.resolve("data/local");
        Path file = folder.resolve(LocalPipeline.ADDRESSES_FILE);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no running 'pipeline local' in " + folder + " (no "
                    + LocalPipeline.ADDRESSES_FILE + "); give --data-dir, or " + option + " for a cluster");
        }
        Properties addresses = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            addresses.load(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        }
        return addresses.getProperty(key);
    }
}
