package io.rawpipeline.cli;

import io.rawpipeline.local.pipeline.LocalPipeline;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.utils.Utils;
import picocli.CommandLine.Option;

/**
 * Which pipeline a command looks at: the running {@code pipeline local} of a data folder (its addresses are in
 * {@value LocalPipeline#ADDRESSES_FILE} there), or a cluster named by its addresses.
 */
public final class RunningPipeline {

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

    private Properties addresses;

    /** Refuses what cannot work before anything connects. */
    public void check() {
        if ((bootstrapServers == null) != (registry == null)) {
            throw new IllegalArgumentException("--bootstrap-servers and --registry go together (or neither, for the "
                    + "running 'pipeline local' of --data-dir)");
        }
        clientSettings();
        registryUrl();
    }

    /** Kafka client settings of the pipeline looked at. */
    public Map<String, Object> clientSettings() {
        Map<String, Object> settings = new HashMap<>();
        if (clientConfig != null) {
            try {
                settings.putAll(Utils.propsToMap(Utils.loadProps(clientConfig.toString())));
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read --client-config " + clientConfig + ": "
                        + (e instanceof NoSuchFileException ? "no such file" : e.getMessage()));
            }
        }
        settings.put("bootstrap.servers", bootstrapServers != null ? bootstrapServers
                : local("--bootstrap-servers", "bootstrap.servers"));
        return settings;
    }

    public String registryUrl() {
        return registry != null ? registry : local("--registry", "schema.registry.url");
    }

    /** An address only the local pipeline's file holds ({@code connect.url}, ...), or {@code given}. */
    public String localOr(String given, String option, String key) {
        return given != null ? given : local(option, key);
    }

    /** Whether the addresses come from a running local pipeline. */
    public boolean isLocal() {
        return bootstrapServers == null;
    }

    public URI localUri(String key) {
        String value = local("--" + key, key);
        return value == null ? null : URI.create(value);
    }

    private String local(String option, String key) {
        if (addresses == null) {
            Path folder = localDataDir(dataDir);
            addresses = addressesIn(folder);
            if (addresses == null) {
                throw new IllegalArgumentException("no running 'pipeline local' in " + folder + " (no "
                        + LocalPipeline.ADDRESSES_FILE + "); give --data-dir, or " + option + " for a cluster");
            }
        }
        return addresses.getProperty(key);
    }

    /** {@code given}, or {@code data/local} in the repository, where {@code pipeline local} keeps its data. */
    public static Path localDataDir(Path given) {
        return given != null ? given : HOME.resolve("data/local");
    }

    /** The addresses a {@code pipeline local} running on {@code folder} wrote there, or null when none runs. */
    public static Properties addressesIn(Path folder) {
        Path file = folder.resolve(LocalPipeline.ADDRESSES_FILE);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        Properties addresses = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            addresses.load(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        }
        return addresses;
    }
}
