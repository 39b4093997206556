package io.rawpipeline.registry;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * Schema registry client and Avro serde settings. Keys shared with Confluent's serializers keep Confluent's names,
 * so existing producer, consumer, Streams and Connect configurations work unchanged.
 */
public final class RegistryConfig extends AbstractConfig {

    public static final String SCHEMA_REGISTRY_URL_CONFIG = "schema.registry.url";
    public static final String BASIC_AUTH_USER_INFO_CONFIG = "basic.auth.user.info";
    public static final String AUTO_REGISTER_SCHEMAS_CONFIG = "auto.register.schemas";
    public static final String REQUEST_TIMEOUT_MS_CONFIG = "schema.registry.request.timeout.ms";
    public static final String RETRIES_CONFIG = "schema.registry.retries";
    public static final String RETRY_BACKOFF_MS_CONFIG = "schema.registry.retry.backoff.ms";
    public static final String RETRY_BACKOFF_MAX_MS_CONFIG = "schema.registry.retry.backoff.max.ms";
    public static final String SPECIFIC_AVRO_KEY_TYPE_CONFIG = "specific.avro.key.type";
    public static final String SPECIFIC_AVRO_VALUE_TYPE_CONFIG = "specific.avro.value.type";

    public static final boolean DEFAULT_AUTO_REGISTER_SCHEMAS = true;
    public static final int DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
    public static final int DEFAULT_RETRIES = 5;
    public static final long DEFAULT_RETRY_BACKOFF_MS = 100;
    public static final long DEFAULT_RETRY_BACKOFF_MAX_MS = 5_000;

    private static final String CONNECTION_GROUP = "Connection";
    private static final String RETRY_GROUP = "Retries";
    private static final String SERDE_GROUP = "Serde";

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(SCHEMA_REGISTRY_URL_CONFIG, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, RegistryConfig::validateUrls,
                    Importance.HIGH, "Comma-separated base URLs of a Confluent-API schema registry; requests fail"
                            + " over to the next URL on I/O errors.",
                    CONNECTION_GROUP, 1, Width.LONG, "Schema registry URLs")
            .define(BASIC_AUTH_USER_INFO_CONFIG, Type.PASSWORD, null, RegistryConfig::validateUserInfo,
                    Importance.MEDIUM, "HTTP basic authentication credentials as user:password; none when unset.",
                    CONNECTION_GROUP, 2, Width.MEDIUM, "Basic auth user info")
            .define(REQUEST_TIMEOUT_MS_CONFIG, Type.INT, DEFAULT_REQUEST_TIMEOUT_MS, ConfigDef.Range.atLeast(1),
                    Importance.LOW, "Time limit in milliseconds for connecting and for one HTTP request.",
                    CONNECTION_GROUP, 3, Width.SHORT, "Request timeout (ms)")
            .define(RETRIES_CONFIG, Type.INT, DEFAULT_RETRIES, ConfigDef.Range.atLeast(0),
                    Importance.LOW, "Retries of a request after an I/O error, HTTP 5xx or HTTP 429; other HTTP"
                            + " errors fail at once.",
                    RETRY_GROUP, 1, Width.SHORT, "Retries")
            .define(RETRY_BACKOFF_MS_CONFIG, Type.LONG, DEFAULT_RETRY_BACKOFF_MS, ConfigDef.Range.atLeast(0),
                    Importance.LOW, "Wait in milliseconds before the first retry; doubles with every further retry.",
                    RETRY_GROUP, 2, Width.SHORT, "Retry backoff (ms)")
            .define(RETRY_BACKOFF_MAX_MS_CONFIG, Type.LONG, DEFAULT_RETRY_BACKOFF_MAX_MS, ConfigDef.Range.atLeast(0),
                    Importance.LOW, "Upper bound in milliseconds of the wait between retries.",
                    RETRY_GROUP, 3, Width.SHORT, "Maximum retry backoff (ms)")
            .define(AUTO_REGISTER_SCHEMAS_CONFIG, Type.BOOLEAN, DEFAULT_AUTO_REGISTER_SCHEMAS, null,
                    Importance.MEDIUM, "Whether the serializer registers the record's schema under the subject;"
                            + " when false it only looks up the id of an already registered schema.",
                    SERDE_GROUP, 1, Width.SHORT, "Auto-register schemas")
            .define(SPECIFIC_AVRO_KEY_TYPE_CONFIG, Type.CLASS, null, null,
                    Importance.LOW, "SpecificRecord class the key deserializer decodes into, when it was not"
                            + " constructed with one.",
                    SERDE_GROUP, 2, Width.LONG, "Key record class")
            .define(SPECIFIC_AVRO_VALUE_TYPE_CONFIG, Type.CLASS, null, null,
                    Importance.LOW, "SpecificRecord class the value deserializer decodes into, when it was not"
                            + " constructed with one.",
                    SERDE_GROUP, 3, Width.LONG, "Value record class");

    public RegistryConfig(Map<?, ?> props) {
        // quiet: every serde instance parses this, and Streams creates one per task
        super(CONFIG_DEF, props, false);
    }

    public List<URI> urls() {
        return getList(SCHEMA_REGISTRY_URL_CONFIG).stream().map(RegistryConfig::withoutTrailingSlash)
                .map(URI::create).toList();
    }

    /** The {@code user:password} credentials, or null. */
    public Password userInfo() {
        return getPassword(BASIC_AUTH_USER_INFO_CONFIG);
    }

    @Override
    public String toString() {
        // Password values print as [hidden]
        return "RegistryConfig" + values();
    }

    private static void validateUrls(String name, Object value) {
        @SuppressWarnings("unchecked")
        List<String> urls = (List<String>) value;
        if (urls == null || urls.isEmpty()) {
            throw new ConfigException(name, value, "at least one schema registry URL is required");
        }
        for (String url : urls) {
            URI uri;
            try {
                uri = URI.create(url);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, url, "not a URL: " + e.getMessage());
            }
            if (uri.getRawUserInfo() != null) {
                // not echoing the value: it holds a password
                throw new ConfigException(name + " must not carry credentials; set " + BASIC_AUTH_USER_INFO_CONFIG);
            }
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new ConfigException(name, url, "expected an http:// or https:// URL with a host");
            }
        }
    }

    private static void validateUserInfo(String name, Object value) {
        if (value != null && ((Password) value).value().indexOf(':') < 0) {
            throw new ConfigException(name + " must have the form user:password");
        }
    }

    private static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
