package io.rawpipeline.connect.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.tools.ConnectPluginPath;
import org.junit.jupiter.api.Test;

/** The packaged plugin directory is what a worker with {@code plugin.discovery=service_load} can load. */
class PluginPackageIT {

    static final Path PLUGIN = Path.of("target", "plugin", "rawpipeline-warehouse-sink");

    @Test
    void kafkasPluginToolFindsTheConnectorWithItsServiceManifest() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = ConnectPluginPath.mainNoExit(new String[] {"list", "--plugin-location", PLUGIN.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        List<String> rows = out.toString(StandardCharsets.UTF_8).lines().toList();
        List<String> columns = List.of(rows.get(0).split("\t"));
        String[] connector = rows.stream()
                .filter(row -> row.startsWith(WarehouseSinkConnector.class.getName() + "\t"))
                .findFirst().orElseThrow().split("\t");
        assertThat(connector[columns.indexOf("pluginType")]).isEqualTo("sink");
        assertThat(connector[columns.indexOf("isLoadable")]).isEqualTo("true");
        assertThat(connector[columns.indexOf("hasManifest")]).isEqualTo("true");
        assertThat(connector[columns.indexOf("pluginVersion")]).isEqualTo(System.getProperty("project.version"));
    }

    @Test
    void bundlesDuckDbButNotTheWorkersOwnKafkaClasses() throws IOException {
        List<String> jars;
        try (Stream<Path> files = Files.list(PLUGIN)) {
            jars = files.map(p -> p.getFileName().toString()).toList();
        }

        assertThat(jars).anyMatch(jar -> jar.startsWith("warehouse-sink-"))
                .anyMatch(jar -> jar.startsWith("duckdb_jdbc-"))
                .noneMatch(jar -> jar.startsWith("kafka-clients") || jar.startsWith("connect-api")
                        || jar.startsWith("slf4j-api"));
        assertThat(Path.of("target", "rawpipeline-warehouse-sink.zip")).exists();
    }
}
