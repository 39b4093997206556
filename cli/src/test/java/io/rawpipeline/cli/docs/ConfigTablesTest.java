package io.rawpipeline.cli.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.rawpipeline.connect.s3.config.Route;
import io.rawpipeline.connect.s3.config.S3SourceConfig;
import io.rawpipeline.connect.warehouse.config.WarehouseSinkConfig;
import io.rawpipeline.gateway.config.GatewayConfig;
import io.rawpipeline.registry.RegistryConfig;
import io.rawpipeline.streams.config.ParseAppConfig;
import io.rawpipeline.streams.config.SourceConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;

/**
 * The configuration tables of docs/configuration.md are generated from the ConfigDefs. Run with
 * {@code -Ddocs.update=true} to rewrite them after changing a definition.
 */
class ConfigTablesTest {

    static final Path PAGE = Path.of("..", "docs", "configuration.md");
    static final Map<String, ConfigDef> TABLES = Map.of(
            "parse-app", ParseAppConfig.CONFIG_DEF,
            "parse-app-source", SourceConfig.CONFIG_DEF,
            "schema-registry", RegistryConfig.CONFIG_DEF,
            "s3-source", S3SourceConfig.CONFIG_DEF,
            "s3-source-route", Route.CONFIG_DEF,
            "warehouse-sink", WarehouseSinkConfig.CONFIG_DEF,
            "gateway", GatewayConfig.CONFIG_DEF);

    @Test
    void configurationTablesMatchTheConfigDefinitions() throws IOException {
        String page = Files.readString(PAGE, StandardCharsets.UTF_8);
        String expected = page;
        for (Map.Entry<String, ConfigDef> table : TABLES.entrySet()) {
            expected = withTable(expected, table.getKey(), markdown(table.getValue()));
        }
        if (Boolean.getBoolean("docs.update")) {
            Files.writeString(PAGE, expected, StandardCharsets.UTF_8);
            return;
        }
        assertThat(page).as("docs/configuration.md config tables (mvn test -Ddocs.update=true rewrites them)")
                .isEqualTo(expected);
    }

    private static String withTable(String page, String name, String table) {
        String start = "<!-- config:" + name + " -->\n";
        String end = "<!-- /config:" + name + " -->";
        int from = page.indexOf(start);
        int to = page.indexOf(end);
        assertThat(from).as("docs/configuration.md has the markers " + start.trim() + " and " + end).isNotNegative();
        assertThat(to).isGreaterThan(from);
        return page.substring(0, from + start.length()) + table + page.substring(to);
    }

    static String markdown(ConfigDef def) {
        String rows = def.configKeys().values().stream()
                .map(key -> "| `" + key.name + "` | " + key.type.toString().toLowerCase() + " | "
                        + defaultOf(key) + " | " + key.importance.toString().toLowerCase() + " | "
                        + key.documentation.replace("|", "\\|") + " |")
                .collect(Collectors.joining("\n"));
        return "| key | type | default | importance | description |\n|---|---|---|---|---|\n" + rows + "\n";
    }

    private static String defaultOf(ConfigDef.ConfigKey key) {
        if (!key.hasDefault()) {
            return "(required)";
        }
        if (key.defaultValue == null) {
            return "(none)";
        }
        String text = ConfigDef.convertToString(key.defaultValue, key.type);
        return text.isEmpty() ? "\"\"" : "`" + text + "`";
    }
}
