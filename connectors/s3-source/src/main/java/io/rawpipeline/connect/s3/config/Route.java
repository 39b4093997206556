package io.rawpipeline.connect.s3.config;

import io.rawpipeline.formats.SourceFormat;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * Which objects go to which raw topic, in which format: a rule on the bucket and the key, from the keys
 * {@code route.<name>.*}. The default routes follow the team's bucket layout.
 */
public final class Route {

    public static final String BUCKET_CONFIG = "bucket";
    public static final String KEY_REGEX_CONFIG = "key.regex";
    public static final String TOPIC_CONFIG = "topic";
    public static final String FORMAT_CONFIG = "format";
    public static final String TABLE_CONFIG = "table";

    public static final String ANY_BUCKET = "*";

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(BUCKET_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                    Importance.HIGH, "Bucket whose objects the route takes; * for any bucket.")
            .define(KEY_REGEX_CONFIG, Type.STRING, ".*", ConfigDef.LambdaValidator.with((name, value) -> {
                try {
                    Pattern.compile((String) value);
                } catch (PatternSyntaxException e) {
                    throw new ConfigException(name, value, e.getDescription());
                }
            }, () -> "a Java regular expression"), Importance.HIGH,
                    "Regular expression the whole object key must match (decoded, as stored).")
            .define(TOPIC_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                    Importance.HIGH, "Raw topic the object's lines go to.")
            .define(FORMAT_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE,
                    ConfigDef.ValidString.in(SourceFormat.CLOUDFRONT.id(), SourceFormat.ALB.id(),
                            SourceFormat.LICENSE.id()), Importance.HIGH,
                    "Format of the object's lines, which decides how lines are split (CSV keeps quoted line breaks) "
                            + "and which line names the columns.")
            .define(TABLE_CONFIG, Type.STRING, null, Importance.MEDIUM,
                    "Parsed topic (table) of the lines, sent in the rawpipeline.table header; for raw topics that "
                            + "feed several tables.");

    /** The team's layout: CloudFront logs by distribution, ALB logs by region, the license exports. */
    static final Map<String, Map<String, String>> DEFAULTS = Map.of(
            "diagnostics", route("mattermost-cloudfront-logs", "security-update-check/.*", "raw.diagnostics",
                    "cloudfront", null),
            "releases", route("mattermost-cloudfront-logs", "releases/.*", "raw.releases", "cloudfront", null),
            "push-proxy-us", route("mattermost-push-proxy-logs",
                    "AWSLogs/[0-9]+/elasticloadbalancing/us-[a-z0-9-]+/.*", "raw.push-proxy", "alb",
                    "push_proxy.logs_us_new"),
            "push-proxy-eu", route("mattermost-push-proxy-logs",
                    "AWSLogs/[0-9]+/elasticloadbalancing/eu-[a-z0-9-]+/.*", "raw.push-proxy", "alb",
                    "push_proxy.logs_eu_new"),
            "push-proxy-test", route("mattermost-push-proxy-test-logs",
                    "AWSLogs/[0-9]+/elasticloadbalancing/[a-z0-9-]+/.*", "raw.push-proxy", "alb",
                    "push_proxy.logs_test_new"),
            "licenses", route("mattermost-license-exports", ".*\\.csv(\\.gz)?", "raw.licenses", "license", null));

    private final String name;
    private final String bucket;
    private final Pattern key;
    private final String topic;
    private final SourceFormat format;
    private final String table;

    private Route(String name, AbstractConfig config) {
        this.name = name;
        this.bucket = config.getString(BUCKET_CONFIG);
        this.key = Pattern.compile(config.getString(KEY_REGEX_CONFIG));
        this.topic = config.getString(TOPIC_CONFIG);
        this.format = SourceFormat.fromId(config.getString(FORMAT_CONFIG));
        this.table = config.getString(TABLE_CONFIG);
    }

    /** The route {@code name}: its defaults, overridden by {@code route.<name>.*}. */
    static Route of(String name, AbstractConfig connector) {
        Map<String, Object> props = new HashMap<>(DEFAULTS.getOrDefault(name, Map.of()));
        props.putAll(connector.originalsWithPrefix("route." + name + "."));
        try {
            return new Route(name, new AbstractConfig(CONFIG_DEF, props, false));
        } catch (ConfigException e) {
            throw new ConfigException("route " + name + " (keys route." + name + ".*): " + e.getMessage());
        }
    }

    private static Map<String, String> route(String bucket, String keyRegex, String topic, String format,
                                             String table) {
        Map<String, String> props = new HashMap<>();
        props.put(BUCKET_CONFIG, bucket);
        props.put(KEY_REGEX_CONFIG, keyRegex);
        props.put(TOPIC_CONFIG, topic);
        props.put(FORMAT_CONFIG, format);
        if (table != null) {
            props.put(TABLE_CONFIG, table);
        }
        return Map.copyOf(props);
    }

    public boolean matches(String objectBucket, String objectKey) {
        return (ANY_BUCKET.equals(bucket) || bucket.equals(objectBucket)) && key.matcher(objectKey).matches();
    }

    public String name() {
        return name;
    }

    /** The bucket the route reads, or {@value #ANY_BUCKET}. */
    public String bucket() {
        return bucket;
    }

    public String topic() {
        return topic;
    }

    public SourceFormat format() {
        return format;
    }

    /** Null when the raw topic feeds one table. */
    public String table() {
        return table;
    }
}
