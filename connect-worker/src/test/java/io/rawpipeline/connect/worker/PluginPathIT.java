package io.rawpipeline.connect.worker;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each of this project's plugins (the two connectors, and the converter beside the Snowflake connector), as the
 * build packaged it into the worker's plugin path, is what a worker with {@code plugin.discovery=service_load}
 * loads: found by Kafka's own plugin tool, loadable, with its service manifest and this build's version, bundling
 * what it needs and no second copy of the classes the worker provides.
 */
class PluginPathIT {

    private static final Path PLUGIN_PATH = Path.of(System.getProperty("connect.plugin.path"));

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "rawpipeline-s3-source, io.rawpipeline.connect.s3.S3SourceConnector, source, s3-source-, sqs-",
        "rawpipeline-warehouse-sink, io.rawpipeline.connect.warehouse.WarehouseSinkConnector, sink, warehouse-sink-, "
                + "duckdb_jdbc-",
        // beside the Snowflake connector, whose class loader holds the AvroConverter it extends
        "snowflake-kafka-connector, io.rawpipeline.connect.avro.RegistryWaitingAvroConverter, converter, "
                + "avro-converter-, snowflake-kafka-connector-"})
    void kafkasPluginToolLoadsThePluginWithItsManifestAndVersion(String plugin, String connectorClass, String type,
            String ownJar, String bundledJar) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = ConnectPluginPath.mainNoExit(
                new String[] {"list", "--plugin-location", PLUGIN_PATH.resolve(plugin).toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        List<String> rows = out.toString(StandardCharsets.UTF_8).lines().toList();
        List<String> columns = List.of(rows.get(0).split("\t"));
        String[] connector = rows.stream().filter(row -> row.startsWith(connectorClass + "\t")).findFirst()
                .orElseThrow().split("\t");
        assertThat(connector[columns.indexOf("pluginType")]).isEqualTo(type);
        assertThat(connector[columns.indexOf("isLoadable")]).isEqualTo("true");
        assertThat(connector[columns.indexOf("hasManifest")]).isEqualTo("true");
        assertThat(connector[columns.indexOf("pluginVersion")]).isEqualTo(System.getProperty("project.version"));

        List<String> jars;
        try (Stream<Path> files = Files.list(PLUGIN_PATH.resolve(plugin))) {
            jars = files.map(p -> p.getFileName().toString()).toList();
        }
        assertThat(jars).anyMatch(jar -> jar.startsWith(ownJar)).anyMatch(jar -> jar.startsWith(bundledJar))
                .noneMatch(jar -> jar.startsWith("kafka-clients") || jar.startsWith("connect-api")
                        || jar.startsWith("slf4j-api"));
    }
}
