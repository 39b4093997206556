package io.rawpipeline.streams.config;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * Settings of the parse app beyond Kafka Streams' own (which pass through unchanged): the sources, the dead-letter
 * topic, whether the app creates missing topics, and its HTTP port for health checks and metrics.
 */
public final class ParseAppConfig extends AbstractConfig {

    public static final String SOURCES_CONFIG = "sources";
    public static final String DEAD_LETTER_TOPIC_CONFIG = "dead.letter.topic";
    public static final String TOPICS_CREATE_CONFIG = "topics.create";
    public static final String TOPICS_PARTITIONS_CONFIG = "topics.partitions";
    public static final String TOPICS_REPLICATION_FACTOR_CONFIG = "topics.replication.factor";
    public static final String TOPICS_RAW_RETENTION_MS_CONFIG = "topics.raw.retention.ms";
    public static final String HTTP_PORT_CONFIG = "http.port";
    public static final long DEFAULT_RAW_RETENTION_MS = 30L * 24 * 60 * 60 * 1000;

    public static final String DEFAULT_SOURCES = "diagnostics,releases,push-proxy,licenses,telemetry";
    public static final String DEFAULT_DEAD_LETTER_TOPIC = "dead-letters.parse";

    private static final String GROUP = "Parse";

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(SOURCES_CONFIG, ConfigDef.Type.LIST, DEFAULT_SOURCES,
                    ConfigDef.LambdaValidator.with((name, value) -> {
                        for (Object source : (List<?>) value) {
                            if (!source.toString().matches("[a-z0-9][a-z0-9._-]*")) {
                                throw new ConfigException(name, value, "source '" + source
                                        + "' must be lower-case letters, digits, '.', '_' or '-'");
                            }
                        }
                    }, () -> "names of [a-z0-9._-]"),
                    ConfigDef.Importance.HIGH, "Sources to parse. Each is configured by source.<name>.format, "
                            + "source.<name>.topic and source.<name>.tables; the default sources have defaults.",
                    GROUP, 1, ConfigDef.Width.LONG, "Sources")
            .define(DEAD_LETTER_TOPIC_CONFIG, ConfigDef.Type.STRING, DEFAULT_DEAD_LETTER_TOPIC,
                    new ConfigDef.NonEmptyString(), ConfigDef.Importance.HIGH,
                    "Topic of the lines that cannot be parsed: raw bytes, headers, reason and provenance.",
                    GROUP, 2, ConfigDef.Width.MEDIUM, "Dead-letter topic")
            .define(TOPICS_CREATE_CONFIG, ConfigDef.Type.BOOLEAN, true, ConfigDef.Importance.MEDIUM,
                    "Create missing raw, parsed and dead-letter topics at start. Turn off where topics are managed "
                            + "elsewhere (Strimzi KafkaTopic resources).",
                    GROUP, 3, ConfigDef.Width.SHORT, "Create topics")
            .define(TOPICS_PARTITIONS_CONFIG, ConfigDef.Type.INT, 3, ConfigDef.Range.atLeast(1),
                    ConfigDef.Importance.LOW, "Partitions of topics the app creates; app instances scale up to this.",
                    GROUP, 4, ConfigDef.Width.SHORT, "Partitions")
            .define(TOPICS_REPLICATION_FACTOR_CONFIG, ConfigDef.Type.SHORT, (short) -1,
                    ConfigDef.LambdaValidator.with((name, value) -> {
                        short factor = (Short) value;
                        if (factor == 0 || factor < -1) {
                            throw new ConfigException(name, value, "must be -1 (the broker's default) or at least 1");
                        }
                    }, () -> "-1 or at least 1"),
                    ConfigDef.Importance.LOW, "Replication factor of topics the app creates; -1 is the broker's default.",
                    GROUP, 5, ConfigDef.Width.SHORT, "Replication factor")
            .define(TOPICS_RAW_RETENTION_MS_CONFIG, ConfigDef.Type.LONG, DEFAULT_RAW_RETENTION_MS,
                    ConfigDef.LambdaValidator.with((name, value) -> {
                        long ms = (Long) value;
                        if (ms == 0 || ms < -1) {
                            throw new ConfigException(name, value, "must be -1 (forever) or at least 1");
                        }
                    }, () -> "-1 or at least 1"),
                    ConfigDef.Importance.MEDIUM, "retention.ms of the raw topics the app creates (30 days by "
                            + "default; -1 keeps them forever): how far back pipeline replay can parse again. Parsed "
                            + "and dead-letter topics get the broker's default.",
                    GROUP, 6, ConfigDef.Width.SHORT, "Raw topic retention")
            .define(HTTP_PORT_CONFIG, ConfigDef.Type.INT, 8080, ConfigDef.Range.between(-1, 65535),
                    ConfigDef.Importance.MEDIUM, "Port of the app's HTTP endpoint: /healthz/live (200 unless Kafka "
                            + "Streams failed or is stopping), /healthz/ready (200 while running) and /metrics (Kafka "
                            + "Streams' and its clients' metrics for Prometheus). 0 picks a free port, -1 serves none.",
                    GROUP, 7, ConfigDef.Width.SHORT, "HTTP port");

    private final List<SourceConfig> sources;

    public ParseAppConfig(Map<?, ?> props) {
        super(CONFIG_DEF, props, false);
        this.sources = getList(SOURCES_CONFIG).stream().distinct().map(name -> SourceConfig.of(name, this)).toList();
    }

    public List<SourceConfig> sources() {
        return sources;
    }

    public String deadLetterTopic() {
        return getString(DEAD_LETTER_TOPIC_CONFIG);
    }
}
