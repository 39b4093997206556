package io.rawpipeline.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rawpipeline.local.ApicurioRegistry;
import java.nio.file.Paths;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The client against a real Apicurio Registry through its Confluent-compatible API. */
class SchemaRegistryClientIT {

    private static final Schema V1 = SchemaBuilder.record("Ping").namespace("it").fields()
            .requiredString("host").endRecord();
    private static final Schema V2_ADDS_NULLABLE_FIELD = SchemaBuilder.record("Ping").namespace("it").fields()
            .requiredString("host").optionalLong("bytes").endRecord();
    private static final Schema V2_CHANGES_TYPE = SchemaBuilder.record("Ping").namespace("it").fields()
            .requiredInt("host").endRecord();

    private static ApicurioRegistry registry;

    private final String subject = "ping-" + UUID.randomUUID() + "-value";

    @BeforeAll
    static void startRegistry() throws Exception {
        registry = ApicurioRegistry.start(Paths.get("target", "apicurio-SchemaRegistryClientIT.log"));
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @Test
    void registersAndFetchesTheSchemaById() {
        int id = client().register(subject, V1);

        assertThat(client().schemaById(id)).isEqualTo(V1);
    }

    @Test
    void registeringTheSameSchemaAgainKeepsItsId() {
        int id = client().register(subject, V1);

        assertThat(client().register(subject, V1)).isEqualTo(id);
        assertThat(client().latestVersion(subject).version()).isEqualTo(1);
    }

    @Test
    void looksUpTheIdOfARegisteredSchemaOnly() {
        int id = client().register(subject, V1);

        assertThat(client().idOf(subject, V1)).isEqualTo(id);
        assertThatThrownBy(() -> client().idOf(subject, V2_ADDS_NULLABLE_FIELD))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.errorCode()).isEqualTo(40403);
                });
    }

    @Test
    void latestVersionFollowsRegistrations() {
        client().register(subject, V1);
        int id = client().register(subject, V2_ADDS_NULLABLE_FIELD);

        SchemaVersion latest = client().latestVersion(subject);

        assertThat(latest).isEqualTo(new SchemaVersion(subject, 2, id, V2_ADDS_NULLABLE_FIELD));
    }

    @Test
    void checksCompatibilityAgainstTheLatestVersion() {
        SchemaRegistryClient client = client();
        client.register(subject, V1);
        client.setCompatibility(subject, CompatibilityLevel.BACKWARD);

        assertThat(client.testCompatibility(subject, V2_ADDS_NULLABLE_FIELD).compatible()).isTrue();
        assertThat(client.testCompatibility(subject, V2_CHANGES_TYPE).compatible()).isFalse();
        assertThatThrownBy(() -> client.register(subject, V2_CHANGES_TYPE))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.status()).isEqualTo(409))
                .hasMessageContaining(subject);
    }

    @Test
    void setsAndReadsTheSubjectCompatibility() {
        SchemaRegistryClient client = client();
        client.register(subject, V1);

        CompatibilityLevel set = client.setCompatibility(subject, CompatibilityLevel.FULL_TRANSITIVE);

        assertThat(set).isEqualTo(CompatibilityLevel.FULL_TRANSITIVE);
        assertThat(client.compatibility(subject)).isEqualTo(CompatibilityLevel.FULL_TRANSITIVE);
    }

    @Test
    void unknownIdIsNotFound() {
        assertThatThrownBy(() -> client().schemaById(987_654))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.isNotFound()).isTrue());
    }

    /** A fresh client per call, so answers come from the registry and not from a cache. */
    private static SchemaRegistryClient client() {
        return new SchemaRegistryClient(new RegistryConfig(Map.of(
                RegistryConfig.SCHEMA_REGISTRY_URL_CONFIG, registry.url(),
                RegistryConfig.RETRIES_CONFIG, "0")));
    }
}
