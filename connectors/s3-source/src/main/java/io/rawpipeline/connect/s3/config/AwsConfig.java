package io.rawpipeline.connect.s3.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/** How the connector reaches AWS (or an S3/SQS-compatible store): region, endpoints, credentials, checksums. */
public final class AwsConfig {

    public static final String REGION_CONFIG = "aws.region";
    public static final String S3_ENDPOINT_CONFIG = "s3.endpoint";
    public static final String SQS_ENDPOINT_CONFIG = "sqs.endpoint";
    public static final String S3_PATH_STYLE_CONFIG = "s3.path.style.access";
    public static final String CHECKSUM_MODE_CONFIG = "aws.checksum.mode";
    public static final String ACCESS_KEY_ID_CONFIG = "aws.access.key.id";
    public static final String SECRET_ACCESS_KEY_CONFIG = "aws.secret.access.key";

    public static final String CHECKSUM_WHEN_SUPPORTED = "WHEN_SUPPORTED";
    public static final String CHECKSUM_WHEN_REQUIRED = "WHEN_REQUIRED";

    private static final String GROUP = "AWS";

    private AwsConfig() {
    }

    static void define(ConfigDef def) {
        int order = 0;
        def.define(REGION_CONFIG, Type.STRING, "us-east-1", new ConfigDef.NonEmptyString(), Importance.HIGH,
                        "AWS region of the queue and the buckets.", GROUP, ++order, Width.SHORT, "Region")
                .define(S3_ENDPOINT_CONFIG, Type.STRING, null, Importance.LOW,
                        "S3 endpoint to use instead of AWS's, for an S3-compatible store (MinIO, S3Proxy, LocalStack).",
                        GROUP, ++order, Width.LONG, "S3 endpoint")
                .define(SQS_ENDPOINT_CONFIG, Type.STRING, null, Importance.LOW,
                        "SQS endpoint to use instead of AWS's, for an SQS-compatible queue (ElasticMQ, LocalStack).",
                        GROUP, ++order, Width.LONG, "SQS endpoint")
                .define(S3_PATH_STYLE_CONFIG, Type.BOOLEAN, false, Importance.LOW,
                        "Address buckets as a path (endpoint/bucket/key) rather than a host name; most "
                                + "S3-compatible stores need it.", GROUP, ++order, Width.SHORT, "Path-style access")
                .define(CHECKSUM_MODE_CONFIG, Type.STRING, CHECKSUM_WHEN_SUPPORTED,
                        ConfigDef.ValidString.in(CHECKSUM_WHEN_SUPPORTED, CHECKSUM_WHEN_REQUIRED), Importance.LOW,
                        "When the S3 client computes request checksums and validates response checksums. "
                                + "WHEN_REQUIRED suits S3-compatible stores that do not know AWS's newer checksums.",
                        GROUP, ++order, Width.SHORT, "Checksum mode")
                .define(ACCESS_KEY_ID_CONFIG, Type.PASSWORD, null, Importance.MEDIUM,
                        "Static access key id; with the secret key, replaces the default AWS credentials chain "
                                + "(environment, profile, web identity, instance role). Use a config provider, "
                                + "never a literal.", GROUP, ++order, Width.MEDIUM, "Access key id")
                .define(SECRET_ACCESS_KEY_CONFIG, Type.PASSWORD, null, Importance.MEDIUM,
                        "Static secret access key, with the access key id. Use a config provider, never a literal.",
                        GROUP, ++order, Width.MEDIUM, "Secret access key");
    }

    static void validate(S3SourceConfig config) {
        boolean id = config.getPassword(ACCESS_KEY_ID_CONFIG) != null;
        boolean secret = config.getPassword(SECRET_ACCESS_KEY_CONFIG) != null;
        if (id != secret) {
            throw new ConfigException(ACCESS_KEY_ID_CONFIG + " and " + SECRET_ACCESS_KEY_CONFIG
                    + " go together: set both, or neither to use the default AWS credentials chain");
        }
    }
}
