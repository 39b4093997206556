package io.rawpipeline.connect.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rawpipeline.local.ConnectCluster;
import io.rawpipeline.streams.config.ParseAppConfig;
import io.rawpipeline.streams.config.SourceConfig;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Snowflake sink connector configs of {@code connectors/config/}, checked offline: they hold no secret and
 * nothing machine-specific, they sink exactly the parse app's topics, and the real Snowflake connector 2.5.0, loaded
 * from this module's plugin path in a Connect worker, accepts every setting through the REST validate endpoint
 * except the login, which needs a reachable Snowflake account.
 *
 * <p>The configs read their credentials as {@code ${env:NAME}}. The worker resolves config providers before it
 * validates, as a production worker with {@code config.providers=env} does; here the provider named {@code env} is
 * {@link EnvironmentStandIn}, because a test cannot set its own JVM's environment. The login then really is tried,
 * with a freshly generated RSA key, against a closed port on the loopback interface: nothing leaves the machine.
 * (Unresolved, a reference in {@code snowflake.private.key} makes the connector skip its login check entirely.)
 */
class SnowflakeConfigsIT {

    private static final Logger LOG = LoggerFactory.getLogger(SnowflakeConfigsIT.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Path PLUGIN_PATH = Path.of(System.getProperty("connect.plugin.path", "target/plugin-path"));
    private static final Path CONFIGS = Path.of(System.getProperty("snowflake.configs", "../connectors/config"));
    private static final String PLUGIN = "SnowflakeSinkConnector";

    /** The environment variables the configs read, as docs/deploying.md lists them: every worker must set all. */
    private static final Set<String> VARIABLES = Set.of("SNOWFLAKE_URL", "SNOWFLAKE_USER", "SNOWFLAKE_PRIVATE_KEY",
            "SNOWFLAKE_ROLE", "SCHEMA_REGISTRY_URL");
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]*)}");
    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{env:([A-Z][A-Z0-9_]*)}");
    /** Settings that are credentials or name the account: a config provider reference, never a value. */
    private static final Set<String> CREDENTIALS = Set.of("snowflake.url.name", "snowflake.user.name",
            "snowflake.private.key", "snowflake.private.key.passphrase", "snowflake.oauth.client.id",
            "snowflake.oauth.client.secret", "snowflake.oauth.refresh.token", "jvm.proxy.username",
            "jvm.proxy.password", "value.converter.schema.registry.url");
    private static final Pattern SECRET_KEY = Pattern.compile(
            "password|secret|token|passphrase|private\\.key|user\\.info|credentials|sasl\\.jaas");

    /**
     * Test-only: the JDBC driver gives up on an unreachable account in seconds, not minutes. Not in the configs,
     * where it would also make the running connector give up on Snowflake after one short retry.
     */
    private static final Map<String, String> OFFLINE = Map.of(
            "snowflake.jdbc.map", "loginTimeout:10,retryTimeout:10,maxHttpRetries:1,networkTimeout:10");

    /** All that validation may report when no Snowflake account answers: the login settings. */
    private static final Map<String, List<String>> CANNOT_CONNECT = Map.of(
            "snowflake.url.name", List.of("snowflake.url.name: Cannot connect to Snowflake"),
            "snowflake.user.name", List.of("snowflake.user.name: Cannot connect to Snowflake"),
            "snowflake.private.key", List.of("snowflake.private.key: Cannot connect to Snowflake"));

    /**
     * Mistyped values, each put in the first config and validated offline like the real configs. (Connect 4.3
     * does not validate a converter's own settings: a missing {@code value.converter.schema.registry.url} shows
     * only when a task starts, so {@link #configsHoldReferencesNotSecretsAndNothingMachineSpecific} requires it.)
     */
    private static final List<Mistake> MISTAKES = List.of(
            new Mistake("snowflake.ingestion.method", "SNOWPIPE_STREAMNG"),
            new Mistake("value.converter", "io.confluent.connect.avro.AvroConvertor"),
            new Mistake("errors.tolerance", "everything"));

    record Mistake(String key, String value) {
    }

    /** Held: java.util.logging keeps only weak references to its loggers. */
    private static final java.util.logging.Logger SNOWFLAKE_JDBC_LOG =
            java.util.logging.Logger.getLogger("net.snowflake");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private static List<ConnectorFile> files;
    private static ConnectCluster connect;
    private static final Map<String, CompletableFuture<JsonNode>> VALIDATIONS = new LinkedHashMap<>();
    private static final Map<Mistake, CompletableFuture<JsonNode>> MISTAKE_VALIDATIONS = new LinkedHashMap<>();
    private static long validationStart;

    /** One file of {@code connectors/config/}: the body {@code POST /connectors} takes. */
    record ConnectorFile(Path path, String name, Map<String, String> config) {

        String stem() {
            return path.getFileName().toString().replaceFirst("\\.json$", "");
        }

        List<String> topics() {
            return List.of(config.getOrDefault("topics", "").split("\\s*,\\s*"));
        }

        /**
         * What {@code PUT /connectors/<name>/config} would validate: the config and its name (which the path gives
         * there), with {@link #OFFLINE}.
         */
        Map<String, String> toValidate() {
            Map<String, String> config = new HashMap<>(this.config);
            config.put("name", name);
            config.putAll(OFFLINE);
            return config;
        }

        /** The config as the worker sees it after resolving {@code ${env:…}}, plus {@code name}. */
        Map<String, String> resolved() {
            Map<String, String> resolved = new HashMap<>();
            config.forEach((key, value) -> {
                Matcher reference = ENV_REFERENCE.matcher(value);
                resolved.put(key, reference.replaceAll(match -> Matcher.quoteReplacement(
                        EnvironmentStandIn.VARIABLES.getOrDefault(match.group(1), match.group()))));
            });
            resolved.put("name", name);
            return resolved;
        }
    }

    @BeforeAll
    static void validateOnAWorker() throws Exception {
        files = readConfigs();
        // The JDBC driver in the plugin logs every failed login attempt to java.util.logging, at SEVERE.
        SNOWFLAKE_JDBC_LOG.setLevel(java.util.logging.Level.OFF);

        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        EnvironmentStandIn.VARIABLES.putAll(Map.of(
                // a Snowflake URL (host of three labels) on which nothing listens
                "SNOWFLAKE_URL", "http://127.0.0.1:" + closedPort,
                "SNOWFLAKE_USER", "RAWPIPELINE_LOADER",
                "SNOWFLAKE_ROLE", "RAWPIPELINE_LOADER",
                // unencrypted PKCS#8, base64 on one line, as Snowflake's key-pair authentication takes it
                "SNOWFLAKE_PRIVATE_KEY", Base64.getEncoder().encodeToString(
                        rsa.generateKeyPair().getPrivate().getEncoded()),
                // never called: validation does not reach the converter's registry
                "SCHEMA_REGISTRY_URL", "http://127.0.0.1:" + closedPort));

        connect = ConnectCluster.start(1, Map.of(
                "config.providers", "env",
                "config.providers.env.class", EnvironmentStandIn.class.getName()), PLUGIN_PATH);

        // Each validation waits for its failed login (~11 s): ask for all of them at once.
        validationStart = System.nanoTime();
        for (ConnectorFile file : files) {
            VALIDATIONS.put(file.name(), validate(file.toValidate()));
        }
        ConnectorFile first = files.get(0);
        for (Mistake mistake : MISTAKES) {
            Map<String, String> config = first.toValidate();
            config.put(mistake.key(), mistake.value());
            MISTAKE_VALIDATIONS.put(mistake, validate(config));
        }
    }

    @AfterAll
    static void stop() {
        if (connect != null) {
            connect.close();
        }
        EnvironmentStandIn.VARIABLES.clear();
    }

    @Test
    void configsHoldReferencesNotSecretsAndNothingMachineSpecific() {
        for (ConnectorFile file : files) {
            assertThat(file.name()).as("name of %s", file.path()).isEqualTo(file.stem());
            assertThat(file.config()).as(file.name())
                    .containsKeys("snowflake.url.name", "snowflake.user.name", "snowflake.private.key",
                            "snowflake.role.name", "value.converter.schema.registry.url");
            file.config().forEach((key, value) -> {
                if (CREDENTIALS.contains(key) || SECRET_KEY.matcher(key).find()) {
                    assertThat(value).as("%s in %s: a config provider reference", key, file.name())
                            .matches(ENV_REFERENCE);
                }
                Matcher reference = REFERENCE.matcher(value);
                while (reference.find()) {
                    assertThat(reference.group()).as("%s in %s", key, file.name()).matches(ENV_REFERENCE);
                    Matcher env = ENV_REFERENCE.matcher(reference.group());
                    assertThat(env.matches()).isTrue();
                    assertThat(VARIABLES).as("variable of %s in %s, listed in docs/deploying.md", key, file.name())
                            .contains(env.group(1));
                }
                String literal = REFERENCE.matcher(value).replaceAll("");
                assertThat(literal).as("%s in %s: nothing machine-specific", key, file.name())
                        .doesNotContain("://", "localhost", "-----BEGIN")
                        .doesNotContainPattern("\\d+\\.\\d+\\.\\d+\\.\\d+")
                        .doesNotStartWith("/")
                        .doesNotStartWith("~");
            });
        }
    }

    @Test
    void configsSinkEveryParsedTopicOfTheParseAppIntoItsRawTable() {
        List<String> parsedTopics = new ParseAppConfig(Map.of()).sources().stream()
                .flatMap(source -> source.tables().stream()).toList();
        List<String> sunk = new ArrayList<>();
        Set<String> schemas = new HashSet<>();
        for (ConnectorFile file : files) {
            Map<String, String> config = file.config();
            Map<String, String> expectedTables = new LinkedHashMap<>();
            for (String topic : file.topics()) {
                String[] schemaAndTable = topic.split("\\.", 2);
                assertThat(schemaAndTable).as("topic %s of %s is <schema>.<table>", topic, file.name()).hasSize(2);
                assertThat(config.get("snowflake.schema.name")).as("schema of %s", file.name())
                        .isEqualTo(schemaAndTable[0].toUpperCase(Locale.ROOT));
                expectedTables.put(topic, schemaAndTable[1].toUpperCase(Locale.ROOT));
            }
            assertThat(topicToTable(config.get("snowflake.topic2table.map"))).as("snowflake.topic2table.map of %s",
                    file.name()).containsExactlyEntriesOf(expectedTables);
            assertThat(config).as(file.name())
                    .containsEntry("snowflake.database.name", "RAW")
                    .containsEntry("errors.deadletterqueue.topic.name", "dead-letters." + file.name())
                    .doesNotContainKey("topics.regex");
            assertThat(schemas.add(config.get("snowflake.schema.name"))).as("one config per schema: %s",
                    config.get("snowflake.schema.name")).isTrue();
            sunk.addAll(file.topics());
        }
        assertThat(sunk).as("the parse app's parsed topics (%s)", SourceConfig.class.getSimpleName())
                .containsExactlyInAnyOrderElementsOf(parsedTopics);
    }

    @Test
    void snowflakeAcceptsEverySettingButTheLoginWhichNeedsAnAccount() {
        Map<String, Map<String, List<String>>> errors = new TreeMap<>();
        VALIDATIONS.forEach((name, validation) -> errors.put(name, errors(validation.join())));
        LOG.info("{} configs validated in {} ms (from the first request)", VALIDATIONS.size(),
                (System.nanoTime() - validationStart) / 1_000_000);
        errors.forEach((name, fieldErrors) -> LOG.info("{}: {}", name, fieldErrors));
        for (ConnectorFile file : files) {
            assertThat(errors.get(file.name())).as("errors of %s", file.name())
                    .containsExactlyInAnyOrderEntriesOf(CANNOT_CONNECT);
        }
    }

    @Test
    void aMistakeIsAnErrorOfItsOwn() {
        MISTAKE_VALIDATIONS.forEach((mistake, validation) -> {
            Map<String, List<String>> errors = errors(validation.join());
            LOG.info("{}: {}", mistake, errors);
            assertThat(errors).as("errors with %s", mistake).containsKey(mistake.key());
            assertThat(errors.get(mistake.key())).as("errors with %s", mistake)
                    .noneMatch(message -> message.contains("Cannot connect"));
        });
    }

    /**
     * What the connector checks when it starts (Snowpipe Streaming needs a role, the buffer thresholds, the
     * converters allowed with schematization) is not part of its REST validation in 2.5.0: run that validator, from
     * the plugin's jar in a class loader of its own, on each resolved config, and map each topic to its table with
     * the connector's own code.
     */
    @Test
    void snowflakeAcceptsTheConfigsWhereTheConnectorStartsAndMapsEachTopicToItsTable() throws Exception {
        try (URLClassLoader plugin = new URLClassLoader(new URL[] {snowflakeJar().toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            for (ConnectorFile file : files) {
                Map<String, String> config = file.resolved();
                assertThat(catchThrowable(() -> validateAtStart(plugin, config)))
                        .as("start-time validation of %s", file.name()).isNull();

                Class<?> utils = plugin.loadClass("com.snowflake.kafka.connector.Utils");
                Object topicToTable = utils.getMethod("parseTopicToTableMap", String.class)
                        .invoke(null, config.get("snowflake.topic2table.map"));
                for (String topic : file.topics()) {
                    assertThat(utils.getMethod("tableName", String.class, Map.class).invoke(null, topic, topicToTable))
                            .as("table of %s", topic)
                            .isEqualTo(topic.substring(topic.indexOf('.') + 1).toUpperCase(Locale.ROOT));
                }
            }

            // and it can fail: the REST validation accepts a config without a role, the connector's start does not
            Map<String, String> withoutRole = files.get(0).resolved();
            withoutRole.remove("snowflake.role.name");
            assertThat(catchThrowable(() -> validateAtStart(plugin, withoutRole)))
                    .hasMessageContaining("snowflake.role.name");
        }
    }

    private static void validateAtStart(ClassLoader plugin, Map<String, String> resolved) throws Exception {
        // as SnowflakeSinkConnector.start() does
        Map<String, String> config = new HashMap<>(resolved);
        plugin.loadClass("com.snowflake.kafka.connector.SnowflakeSinkConnectorConfig")
                .getMethod("setDefaultValues", Map.class).invoke(null, config);
        plugin.loadClass("com.snowflake.kafka.connector.Utils").getMethod("convertAppName", Map.class)
                .invoke(null, config);
        Class<?> validatorType = plugin.loadClass(
                "com.snowflake.kafka.connector.internal.streaming.StreamingConfigValidator");
        Object validator = plugin.loadClass("com.snowflake.kafka.connector.DefaultConnectorConfigValidator")
                .getConstructor(validatorType, validatorType).newInstance(
                        plugin.loadClass("com.snowflake.kafka.connector.internal.streaming."
                                + "DefaultStreamingConfigValidator").getConstructor().newInstance(),
                        plugin.loadClass("com.snowflake.kafka.connector.config.IcebergConfigValidator")
                                .getConstructor().newInstance());
        try {
            validator.getClass().getMethod("validateConfig", Map.class).invoke(validator, config);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** The connector jar of the plugin path, or another version's given as {@code -Dsnowflake.connector.jar}. */
    private static Path snowflakeJar() throws IOException {
        String other = System.getProperty("snowflake.connector.jar", "");
        if (!other.isEmpty()) {
            return Path.of(other);
        }
        try (Stream<Path> jars = Files.list(PLUGIN_PATH.resolve("snowflake-kafka-connector"))) {
            return jars.filter(jar -> jar.getFileName().toString().startsWith("snowflake-kafka-connector-"))
                    .findFirst().orElseThrow();
        }
    }

    private static List<ConnectorFile> readConfigs() throws IOException {
        List<ConnectorFile> read = new ArrayList<>();
        try (Stream<Path> paths = Files.list(CONFIGS)) {
            // the Snowflake configs only: s3-source.json is checked by deployment's ConnectorDriftTest
            for (Path path : paths.filter(p -> p.getFileName().toString().matches("snowflake-.*\\.json")).sorted()
                    .toList()) {
                JsonNode body = JSON.readTree(path.toFile());
                assertThat(body.properties()).as("fields of %s: the body of POST /connectors", path)
                        .extracting(Map.Entry::getKey).containsExactlyInAnyOrder("name", "config");
                for (Map.Entry<String, JsonNode> field : body.get("config").properties()) {
                    assertThat(field.getValue().isTextual()).as("%s in %s is a string", field.getKey(), path)
                            .isTrue();
                }
                read.add(new ConnectorFile(path, body.get("name").asText(),
                        JSON.convertValue(body.get("config"), new TypeReference<Map<String, String>>() {
                        })));
            }
        }
        assertThat(read).as("configs in %s", CONFIGS).isNotEmpty();
        return read;
    }

    private static Map<String, String> topicToTable(String map) {
        Map<String, String> tables = new LinkedHashMap<>();
        for (String entry : map.split(",")) {
            String[] topicAndTable = entry.split(":");
            assertThat(topicAndTable).as("entry %s", entry).hasSize(2);
            tables.put(topicAndTable[0].trim(), topicAndTable[1].trim());
        }
        return tables;
    }

    /** {@code PUT /connector-plugins/SnowflakeSinkConnector/config/validate}. */
    private static CompletableFuture<JsonNode> validate(Map<String, String> config) {
        try {
            URI uri = URI.create(connect.cluster().endpointForResource(
                    "connector-plugins/" + PLUGIN + "/config/validate"));
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofSeconds(120))
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(config)))
                    .build();
            return HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("validate answered " + response.statusCode() + ": "
                            + response.body());
                }
                try {
                    return JSON.readTree(response.body());
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The settings with errors in a validation result ({@code ConfigInfos}), with their messages. */
    private static Map<String, List<String>> errors(JsonNode infos) {
        Map<String, List<String>> errors = new TreeMap<>();
        for (JsonNode config : infos.path("configs")) {
            JsonNode value = config.path("value");
            List<String> messages = new ArrayList<>();
            value.path("errors").forEach(message -> messages.add(message.asText()));
            if (!messages.isEmpty()) {
                errors.merge(value.path("name").asText(), messages, (a, b) -> {
                    List<String> both = new ArrayList<>(a);
                    both.addAll(b);
                    return both;
                });
            }
        }
        assertThat(infos.path("error_count").asInt()).as("error_count")
                .isEqualTo(errors.values().stream().mapToInt(List::size).sum());
        return errors;
    }
}
