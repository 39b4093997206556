package io.rawpipeline.connect.s3.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/** The SQS queue that receives the buckets' ObjectCreated notifications, and how it is polled. */
public final class QueueConfig {

    public static final String QUEUE_URL_CONFIG = "sqs.queue.url";
    public static final String WAIT_SECONDS_CONFIG = "sqs.wait.time.seconds";
    public static final String MAX_MESSAGES_CONFIG = "sqs.max.messages";
    public static final String VISIBILITY_SECONDS_CONFIG = "sqs.visibility.timeout.seconds";

    private static final String GROUP = "Queue";

    private QueueConfig() {
    }

    static void define(ConfigDef def) {
        int order = 0;
        def.define(QUEUE_URL_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                        Importance.HIGH, "URL of the SQS queue the buckets send their ObjectCreated notifications to "
                                + "(directly, through SNS or through an EventBridge rule).", GROUP, ++order,
                        Width.LONG, "Queue URL")
                .define(WAIT_SECONDS_CONFIG, Type.INT, 1, ConfigDef.Range.between(0, 20), Importance.LOW,
                        "Long-poll wait of one receive, in seconds; short keeps the task responsive to stops and "
                                + "rebalances.", GROUP, ++order, Width.SHORT, "Wait time (s)")
                .define(MAX_MESSAGES_CONFIG, Type.INT, 10, ConfigDef.Range.between(1, 10), Importance.LOW,
                        "Messages taken per receive (SQS allows at most 10).", GROUP, ++order, Width.SHORT,
                        "Messages per receive")
                .define(VISIBILITY_SECONDS_CONFIG, Type.INT, 300, ConfigDef.Range.between(10, 43_200),
                        Importance.MEDIUM, "How long a message being worked on stays hidden from other consumers; "
                                + "extended by this much at half-time while its object is still being read, so a "
                                + "large object is never handed to a second task.",
                        GROUP, ++order, Width.SHORT, "Visibility timeout (s)");
    }
}
