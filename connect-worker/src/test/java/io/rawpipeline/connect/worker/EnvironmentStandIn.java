package io.rawpipeline.connect.worker;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.config.ConfigData;
import org.apache.kafka.common.config.provider.ConfigProvider;

/**
 * Stands in for {@link org.apache.kafka.common.config.provider.EnvVarConfigProvider} under the same provider name
 * ({@code env}) on a worker in this JVM, whose environment a test cannot set: {@code ${env:NAME}} resolves to
 * {@link #VARIABLES}{@code .get(NAME)}, and, as with the real provider, a variable that is not set leaves the
 * reference unresolved.
 */
public final class EnvironmentStandIn implements ConfigProvider {

    /** The stand-in environment; the worker loads this class from the class path, so it sees the test's map. */
    public static final Map<String, String> VARIABLES = new ConcurrentHashMap<>();

    @Override
    public void configure(Map<String, ?> configs) {
    }

    @Override
    public ConfigData get(String path) {
        return new ConfigData(Map.copyOf(VARIABLES));
    }

    @Override
    public ConfigData get(String path, Set<String> keys) {
        Map<String, String> data = new HashMap<>();
        for (String key : keys) {
            String value = VARIABLES.get(key);
            if (value != null) {
                data.put(key, value);
            }
        }
        return new ConfigData(data);
    }

    @Override
    public void close() {
    }
}
