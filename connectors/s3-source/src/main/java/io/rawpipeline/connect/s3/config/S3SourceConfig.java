package io.rawpipeline.connect.s3.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/** The S3 source connector's settings: one ConfigDef built from the fragments of each concern. */
public final class S3SourceConfig extends AbstractConfig {

    public static final String ROUTES_CONFIG = "routes";
    public static final String DEFAULT_ROUTES = "diagnostics,releases,push-proxy-us,push-proxy-eu,push-proxy-test,licenses";

    public static final ConfigDef CONFIG_DEF = configDef();

    private final List<Route> routes;

    public S3SourceConfig(Map<?, ?> props) {
        super(CONFIG_DEF, props);
        AwsConfig.validate(this);
        this.routes = getList(ROUTES_CONFIG).stream().distinct().map(name -> Route.of(name, this)).toList();
        if (routes.isEmpty()) {
            throw new ConfigException(ROUTES_CONFIG, "", "names no route, so no object could be read");
        }
    }

    private static ConfigDef configDef() {
        ConfigDef def = new ConfigDef();
        QueueConfig.define(def);
        AwsConfig.define(def);
        ReadingConfig.define(def);
        def.define(ROUTES_CONFIG, Type.LIST, DEFAULT_ROUTES, Importance.HIGH,
                "Routes from objects to raw topics, tried in this order; each is configured by route.<name>.bucket, "
                        + ".key.regex, .topic, .format and .table, and the default routes have defaults. An object "
                        + "no route takes is reported in the error topic.",
                "Routing", 1, Width.LONG, "Routes");
        return def;
    }

    /** The first route that takes the object. */
    public Optional<Route> routeOf(String bucket, String key) {
        return routes.stream().filter(route -> route.matches(bucket, key)).findFirst();
    }

    public List<Route> routes() {
        return routes;
    }
}
