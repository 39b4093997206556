package io.rawpipeline.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SchemaRegistryClientTest {

    private static final Schema SCHEMA = SchemaBuilder.record("Ping").namespace("test").fields()
            .requiredString("host").endRecord();

    private final StubRegistryServer server = newServer();

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void registersSchemaAsJsonStringUnderSubject() throws Exception {
        server.thenAnswer(200, Map.of("id", 7));

        int id = client().register("events-value", SCHEMA);

        assertThat(id).isEqualTo(7);
        StubRegistryServer.Request request = server.requests().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/subjects/events-value/versions");
        assertThat(request.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
        assertThat(new Schema.Parser().parse(request.json().get("schema").asText())).isEqualTo(SCHEMA);
    }

    @Test
    void cachesIdsAndSchemasSoRepeatedCallsStayLocal() {
        server.thenAnswer(200, Map.of("id", 7));
        SchemaRegistryClient client = client();

        client.register("events-value", SCHEMA);
        int again = client.register("events-value", SCHEMA);
        Schema byId = client.schemaById(7);

        assertThat(again).isEqualTo(7);
        assertThat(byId).isSameAs(SCHEMA);
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void retriesOn503ThenSucceeds() {
        server.thenAnswer(503, "upstream unavailable").thenAnswer(503, "upstream unavailable")
                .thenAnswer(200, Map.of("schema", SCHEMA.toString()));

        Schema schema = client().schemaById(3);

        assertThat(schema).isEqualTo(SCHEMA);
        assertThat(server.requests()).hasSize(3).allMatch(r -> r.path().equals("/schemas/ids/3"));
    }

    @Test
    void retriesOn429() {
        server.thenAnswer(429, Map.of("error_code", 429, "message", "slow down")).thenAnswer(200, Map.of("id", 1));

        assertThat(client().register("events-value", SCHEMA)).isEqualTo(1);
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void failsAtOnceOn409WithTheRegistryErrorCodeAndMessage() {
        server.thenAnswer(409, Map.of("error_code", 409, "message", "Schema being registered is incompatible"));

        assertThatThrownBy(() -> client().register("events-value", SCHEMA))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.errorCode()).isEqualTo(409);
                    assertThat(e.registryMessage()).isEqualTo("Schema being registered is incompatible");
                    assertThat(e.subject()).isEqualTo("events-value");
                    assertThat(e.url()).hasToString(server.url() + "/subjects/events-value/versions");
                })
                .hasMessage("Schema registry request POST " + server.url() + "/subjects/events-value/versions for"
                        + " subject 'events-value' failed: HTTP 409, error_code 409: Schema being registered is"
                        + " incompatible");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void givesUpAfterTheConfiguredRetries() {
        server.answerWith(request -> new StubRegistryServer.Response(500, Map.of("error_code", 50001,
                "message", "Error in the backend datastore")));

        assertThatThrownBy(() -> client(Map.of(RegistryConfig.RETRIES_CONFIG, "2")).schemaById(1))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(50001));
        assertThat(server.requests()).hasSize(3);
    }

    @Test
    void keepsTheStartOfANonJsonErrorBody() {
        server.thenAnswer(404, "<html>not here</html>");

        assertThatThrownBy(() -> client().schemaById(1))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.isNotFound()).isTrue();
                    assertThat(e.errorCode()).isEqualTo(RegistryException.NONE);
                })
                .hasMessageEndingWith("HTTP 404: <html>not here</html>");
    }

    @Test
    void failsOverToTheNextUrlWhenOneIsUnreachable() throws Exception {
        String deadUrl;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadUrl = "http://127.0.0.1:" + socket.getLocalPort();
        }
        server.thenAnswer(200, Map.of("id", 5));

        int id = client(Map.of(RegistryConfig.SCHEMA_REGISTRY_URL_CONFIG, deadUrl + "," + server.url()))
                .register("events-value", SCHEMA);

        assertThat(id).isEqualTo(5);
    }

    @Test
    void sendsBasicAuthCredentials() {
        server.thenAnswer(200, Map.of("id", 1));

        client(Map.of(RegistryConfig.BASIC_AUTH_USER_INFO_CONFIG, "svc:s3cr:et")).register("events-value", SCHEMA);

        String expected = Base64.getEncoder().encodeToString("svc:s3cr:et".getBytes(StandardCharsets.UTF_8));
        assertThat(server.requests().get(0).authorization()).isEqualTo("Basic " + expected);
    }

    @Test
    void encodesSubjectInPath() {
        server.thenAnswer(200, Map.of("id", 1));

        client().register("odd subject/ü", SCHEMA);

        assertThat(server.requests().get(0).path()).isEqualTo("/subjects/odd%20subject%2F%C3%BC/versions");
    }

    @Test
    void readsCompatibilityVerdictAndMessages() {
        server.thenAnswer(200, Map.of("is_compatible", false, "messages", List.of("reader type INT vs STRING")));

        CompatibilityResult result = client().testCompatibility("events-value", SCHEMA);

        assertThat(result).isEqualTo(new CompatibilityResult(false, List.of("reader type INT vs STRING")));
        assertThat(server.requests().get(0).path())
                .isEqualTo("/compatibility/subjects/events-value/versions/latest?verbose=true");
    }

    @Test
    void readsCompatibilityLevelInEitherResponseShape() throws Exception {
        server.thenAnswer(200, Map.of("compatibilityLevel", "FULL")).thenAnswer(200, Map.of("compatibility", "NONE"));
        SchemaRegistryClient client = client();

        assertThat(client.compatibility("events-value")).isEqualTo(CompatibilityLevel.FULL);
        assertThat(client.setCompatibility("events-value", CompatibilityLevel.NONE)).isEqualTo(CompatibilityLevel.NONE);
        assertThat(server.requests().get(1).method()).isEqualTo("PUT");
        assertThat(server.requests().get(1).json().get("compatibility").asText()).isEqualTo("NONE");
    }

    @Test
    void backoffDoublesUpToTheMaximum() {
        RegistryTransport transport = new RegistryTransport(new RegistryConfig(config(Map.of(
                RegistryConfig.RETRY_BACKOFF_MS_CONFIG, "100", RegistryConfig.RETRY_BACKOFF_MAX_MS_CONFIG, "1000"))));

        assertThat(List.of(0, 1, 2, 3, 4, 40)).map(transport::backoffMs)
                .containsExactly(100L, 200L, 400L, 800L, 1000L, 1000L);
    }

    private SchemaRegistryClient client() {
        return client(Map.of());
    }

    private SchemaRegistryClient client(Map<String, String> overrides) {
        return new SchemaRegistryClient(new RegistryConfig(config(overrides)));
    }

    private Map<String, String> config(Map<String, String> overrides) {
        Map<String, String> config = new HashMap<>();
        config.put(RegistryConfig.SCHEMA_REGISTRY_URL_CONFIG, server.url());
        config.put(RegistryConfig.RETRY_BACKOFF_MS_CONFIG, "1");
        config.putAll(overrides);
        return config;
    }

    private static StubRegistryServer newServer() {
        try {
            return new StubRegistryServer();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
