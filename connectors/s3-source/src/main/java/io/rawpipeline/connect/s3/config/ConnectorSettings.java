package io.rawpipeline.connect.s3.config;

import io.rawpipeline.connect.s3.S3SourceConnector;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * A complete connector configuration for S3- and SQS-compatible endpoints with static keys, as local runs, tests and
 * benchmarks use: the converters the raw topics need, exactly-once support required, and the producer settings the
 * pipeline recommends.
 */
public final class ConnectorSettings {

    /**
     * Connect's producers send one request at a time by default; the exactly-once producer is idempotent, so five
     * in flight keep order. Raw records repeat their headers line after line, so they compress well. Measured here:
     * about 3x the lines/s of the defaults (docs/performance.md, S3 source).
     */
    public static final Map<String, String> RECOMMENDED_PRODUCER = Map.of(
            "producer.override.batch.size", "262144",
            "producer.override.linger.ms", "20",
            "producer.override.max.in.flight.requests.per.connection", "5",
            "producer.override.compression.type", "lz4");

    private ConnectorSettings() {
    }

    public static Map<String, String> forEndpoints(String queueUrl, String region, URI s3, URI sqs, String accessKey,
                                                   String secretKey) {
        Map<String, String> props = new HashMap<>();
        props.put("connector.class", S3SourceConnector.class.getName());
        props.put("tasks.max", "1");
        props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        props.put("header.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("exactly.once.support", "required");
        props.put(QueueConfig.QUEUE_URL_CONFIG, queueUrl);
        props.put(AwsConfig.REGION_CONFIG, region);
        props.put(AwsConfig.S3_ENDPOINT_CONFIG, s3.toString());
        props.put(AwsConfig.SQS_ENDPOINT_CONFIG, sqs.toString());
        props.put(AwsConfig.S3_PATH_STYLE_CONFIG, "true");
        props.put(AwsConfig.CHECKSUM_MODE_CONFIG, AwsConfig.CHECKSUM_WHEN_REQUIRED);
        props.put(AwsConfig.ACCESS_KEY_ID_CONFIG, accessKey);
        props.put(AwsConfig.SECRET_ACCESS_KEY_CONFIG, secretKey);
        props.putAll(RECOMMENDED_PRODUCER);
        return props;
    }
}
