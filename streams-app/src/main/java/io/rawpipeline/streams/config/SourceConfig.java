package io.rawpipeline.streams.config;

import io.rawpipeline.formats.SourceFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * One source of raw lines: its format, its raw topic and the parsed topics (tables) its lines go to. Read from the
 * keys {@code source.<name>.*}; the five sources of the RAW warehouse have defaults.
 */
public final class SourceConfig extends AbstractConfig {

    public static final String FORMAT_CONFIG = "format";
    public static final String TOPIC_CONFIG = "topic";
    public static final String TABLES_CONFIG = "tables";
    public static final String PINGS_TABLE_CONFIG = "pings.table";

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(FORMAT_CONFIG, ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE,
                    ConfigDef.ValidString.in(SourceFormat.CLOUDFRONT.id(), SourceFormat.ALB.id(),
                            SourceFormat.LICENSE.id(), SourceFormat.PING.id()),
                    ConfigDef.Importance.HIGH, "Format of the source's lines: " + SourceFormat.ids() + ".")
            .define(TOPIC_CONFIG, ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                    ConfigDef.Importance.HIGH, "Topic of the source's raw lines, e.g. raw.diagnostics.")
            .define(TABLES_CONFIG, ConfigDef.Type.LIST, ConfigDef.NO_DEFAULT_VALUE,
                    ConfigDef.LambdaValidator.with((name, value) -> {
                        if (value == null || ((List<?>) value).isEmpty()) {
                            throw new ConfigException(name, value, "names no table");
                        }
                    }, () -> "one or more topic names"),
                    ConfigDef.Importance.HIGH, "Parsed topics (<schema>.<table>) the source's lines go to. With more "
                            + "than one, each line names its table in the rawpipeline.table header; the first is "
                            + "used for a line without that header.")
            .define(PINGS_TABLE_CONFIG, ConfigDef.Type.STRING, null, ConfigDef.Importance.MEDIUM,
                    "For a cloudfront source: the parsed topic that also gets a security ping for each line that "
                            + "requests /security (its query string parsed as the gateway's pings are, received at "
                            + "the logged date and time), so pings logged by CloudFront land in the same table as "
                            + "those taken over HTTP. A ping that does not parse is a dead letter; its log line "
                            + "still lands. Diagnostics: telemetry.security_pings; other sources: none.");

    /** The sources of raw-tables.md: name, format, raw topic, tables. */
    static final Map<String, Map<String, String>> DEFAULTS = Map.of(
            "diagnostics", Map.of(FORMAT_CONFIG, "cloudfront", TOPIC_CONFIG, "raw.diagnostics",
                    TABLES_CONFIG, "diagnostics.log_entries", PINGS_TABLE_CONFIG, "telemetry.security_pings"),
            "releases", source("cloudfront", "raw.releases", "releases.log_entries"),
            "push-proxy", source("alb", "raw.push-proxy",
                    "push_proxy.logs_us_new,push_proxy.logs_eu_new,push_proxy.logs_test_new"),
            "licenses", source("license", "raw.licenses", "licenses.licenses"),
            "telemetry", source("ping", "raw.telemetry", "telemetry.security_pings"));

    private final String name;

    private SourceConfig(String name, Map<String, ?> props) {
        super(CONFIG_DEF, props, false);
        this.name = name;
        if (pingsTable() != null && format() != SourceFormat.CLOUDFRONT) {
            throw new ConfigException(PINGS_TABLE_CONFIG, pingsTable(), "only cloudfront lines record pings, and "
                    + "this source is " + format().id());
        }
    }

    /** The source {@code name} from the app's settings: its defaults, overridden by {@code source.<name>.*}. */
    static SourceConfig of(String name, AbstractConfig app) {
        Map<String, Object> props = new HashMap<>(DEFAULTS.getOrDefault(name, Map.of()));
        props.putAll(app.originalsWithPrefix("source." + name + "."));
        try {
            return new SourceConfig(name, props);
        } catch (ConfigException e) {
            throw new ConfigException("source " + name + " (keys source." + name + ".*): " + e.getMessage());
        }
    }

    private static Map<String, String> source(String format, String topic, String tables) {
        return Map.of(FORMAT_CONFIG, format, TOPIC_CONFIG, topic, TABLES_CONFIG, tables);
    }

    public String name() {
        return name;
    }

    public SourceFormat format() {
        return SourceFormat.fromId(getString(FORMAT_CONFIG));
    }

    public String topic() {
        return getString(TOPIC_CONFIG);
    }

    public List<String> tables() {
        return getList(TABLES_CONFIG);
    }

    /** The parsed topic of the pings this source's CloudFront lines record, or null. */
    public String pingsTable() {
        return getString(PINGS_TABLE_CONFIG);
    }
}
