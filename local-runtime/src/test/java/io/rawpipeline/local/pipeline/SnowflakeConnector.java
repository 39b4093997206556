package io.rawpipeline.local.pipeline;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rawpipeline.snowflake.sql.SnowflakeSql;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.kafka.connect.runtime.isolation.PluginClassLoader;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.storage.Converter;

/**
 * The Snowflake connector as a Connect worker loads it: its plugin directory (the connector jar, with the value
 * converter beside it) in Connect's own {@link PluginClassLoader}, so the worker's Kafka is the only one, plus the
 * {@code snowflake} module's {@code ConnectorRows}, which calls the connector's classes from inside that loader.
 * {@code -Dsnowflake.connector.jar=/path/to/snowflake-kafka-connector-X.jar} tries another version's jar.
 */
final class SnowflakeConnector implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PluginClassLoader loader;
    private final Object rows;
    private final Method row;
    private final Method columnTypes;
    private final Method refusals;

    /** {@code config}: one of {@code connectors/config/snowflake-*.json}'s {@code config}. */
    SnowflakeConnector(Path pluginPath, Map<String, String> config) throws Exception {
        Path directory = pluginPath.resolve("snowflake-kafka-connector");
        String otherJar = System.getProperty("snowflake.connector.jar", "");
        List<URL> urls = new ArrayList<>();
        try (Stream<Path> jars = Files.list(directory)) {
            for (Path jar : jars.sorted().toList()) {
                boolean connector = jar.getFileName().toString().startsWith("snowflake-kafka-connector-");
                urls.add((connector && !otherJar.isEmpty() ? Path.of(otherJar) : jar).toUri().toURL());
            }
        }
        urls.add(SnowflakeSql.class.getProtectionDomain().getCodeSource().getLocation());
        loader = new PluginClassLoader(directory.toUri().toURL(), urls.toArray(URL[]::new),
                SnowflakeConnector.class.getClassLoader());
        Class<?> type = loader.loadClass("io.rawpipeline.snowflake.connector.ConnectorRows");
        rows = inLoader(() -> type.getConstructor(Map.class).newInstance(config));
        row = type.getMethod("row", SinkRecord.class);
        columnTypes = type.getMethod("columnTypes", SinkRecord.class);
        refusals = type.getMethod("refusals", Map.class, List.class);
    }

    /** The value converter the config names, configured with its {@code value.converter.*} settings. */
    Converter valueConverter(Map<String, String> config) throws Exception {
        Map<String, String> settings = new HashMap<>();
        config.forEach((key, value) -> {
            if (key.startsWith("value.converter.")) {
                settings.put(key.substring("value.converter.".length()), value);
            }
        });
        return inLoader(() -> {
            Converter converter = (Converter) loader.loadClass(config.get("value.converter"))
                    .getConstructor().newInstance();
            converter.configure(settings, false);
            return converter;
        });
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> row(SinkRecord record) throws Exception {
        return (Map<String, Object>) invoke(row, record);
    }

    @SuppressWarnings("unchecked")
    Map<String, String> columnTypes(SinkRecord record) throws Exception {
        return (Map<String, String>) invoke(columnTypes, record);
    }

    @SuppressWarnings("unchecked")
    List<String> refusals(Map<String, String> columns, List<Map<String, Object>> rows) throws Exception {
        return (List<String>) invoke(refusals, columns, rows);
    }

    /** The connector's RECORD_METADATA column, read back as the JSON it is. */
    static Map<String, Object> metadata(Map<String, Object> row) throws IOException {
        return JSON.readValue((String) row.get("RECORD_METADATA"), new TypeReference<>() { });
    }

    private Object invoke(Method method, Object... arguments) throws Exception {
        return inLoader(() -> {
            try {
                return method.invoke(rows, arguments);
            } catch (InvocationTargetException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
        });
    }

    /** As the worker does around a plugin's calls: the plugin's loader as the thread's context class loader. */
    <T> T inLoader(Callable<T> call) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return call.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Override
    public void close() throws IOException {
        loader.close();
    }
}
