package io.rawpipeline.connect.s3.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/** How objects are read and where what cannot be read is reported. */
public final class ReadingConfig {

    public static final String BATCH_MAX_LINES_CONFIG = "batch.max.lines";
    public static final String LINE_MAX_BYTES_CONFIG = "line.max.bytes";
    public static final String ERROR_TOPIC_CONFIG = "error.topic";

    public static final String DEFAULT_ERROR_TOPIC = "dead-letters.s3-source";

    private static final String GROUP = "Reading";

    private ReadingConfig() {
    }

    static void define(ConfigDef def) {
        int order = 0;
        def.define(BATCH_MAX_LINES_CONFIG, Type.INT, 5000, ConfigDef.Range.atLeast(1), Importance.LOW,
                        "Most lines one poll returns (one transaction under exactly-once support).",
                        GROUP, ++order, Width.SHORT, "Lines per poll")
                .define(LINE_MAX_BYTES_CONFIG, Type.INT, 512 * 1024, ConfigDef.Range.between(1024, 64 << 20),
                        Importance.LOW, "Longest line emitted whole; a longer one is cut to this length and "
                                + "reported in the error topic. Keep it under the topic's max.message.bytes.",
                        GROUP, ++order, Width.SHORT, "Max line bytes")
                .define(ERROR_TOPIC_CONFIG, Type.STRING, DEFAULT_ERROR_TOPIC, new ConfigDef.NonEmptyString(),
                        Importance.HIGH, "Topic of error records: notifications that are not S3 events, objects "
                                + "that match no route, cannot be read or break off, lines cut to the limit.",
                        GROUP, ++order, Width.MEDIUM, "Error topic");
    }
}
