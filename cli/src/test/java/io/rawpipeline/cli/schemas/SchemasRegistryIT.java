package io.rawpipeline.cli.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rawpipeline.local.ApicurioRegistry;
import io.rawpipeline.registry.CompatibilityLevel;
import io.rawpipeline.registry.RegistryException;
import io.rawpipeline.registry.SchemaRegistryClient;
import io.rawpipeline.registry.compatibility.ReleasedSchemas;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pipeline schemas register} and {@code check --registry} against a real Apicurio Registry: v1 of every
 * subject registered under BACKWARD_TRANSITIVE, an incompatible v2 refused by the registry and by the check, a
 * compatible v2 accepted and written to the released history.
 */
class SchemasRegistryIT {

    private static final String DIAGNOSTICS = "diagnostics.log_entries-value";
    private static final String RELEASES = "releases.log_entries-value";

    private static ApicurioRegistry registry;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startRegistry() throws Exception {
        registry = ApicurioRegistry.start(Paths.get("target", "apicurio-SchemasRegistryIT.log"));
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @Test
    void registersV1RefusesAnIncompatibleV2AndAcceptsACompatibleOne() throws Exception {
        Path schemas = SchemasRun.copy(SchemasRun.SCHEMAS_DIR, tmp.resolve("avro"));
        Path released = SchemasRun.copy(SchemasRun.RELEASED_DIR, tmp.resolve("released"));
        Path cloudfront = schemas.resolve("cloudfront-log-entry.avsc");
        String v1Text = Files.readString(cloudfront);

        SchemasRun first = register(schemas, released);
        assertThat(first.exitCode()).as("%s", first).isZero();
        assertThat(first.out()).contains("8 registered, 0 unchanged, 0 refused.",
                "compatibility (registry default) → BACKWARD_TRANSITIVE").doesNotContain("wrote ");
        SchemaRegistryClient client = SchemasCommand.client(registry.url());
        assertThat(client.subjectCompatibility(DIAGNOSTICS)).contains(CompatibilityLevel.BACKWARD_TRANSITIVE);
        assertThat(client.latestVersion(DIAGNOSTICS).version()).isEqualTo(1);

        SchemasRun again = register(schemas, released);
        assertThat(again.exitCode()).as("%s", again).isZero();
        assertThat(again.out()).contains("0 registered, 8 unchanged, 0 refused.").doesNotContain("compatibility ");

        // an incompatible v2: a new field without a default
        SchemasRun.addField(cloudfront, "{\"name\": \"cs_referrer_policy\", \"type\": \"string\"}");
        assertThatThrownBy(() -> client.register(DIAGNOSTICS, ReleasedSchemas.parse(cloudfront)))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.status()).isEqualTo(409));
        SchemasRun registryOnly = SchemasRun.of("check", "--registry", registry.url(), "--schemas-dir",
                schemas.toString(), "--released-dir", Files.createDirectories(tmp.resolve("no-history")).toString());
        assertThat(registryOnly.exitCode()).as("%s", registryOnly).isEqualTo(SchemasCommand.EXIT_INCOMPATIBLE);
        assertThat(registryOnly.err()).contains("2 of 8 subjects INCOMPATIBLE", "subject " + DIAGNOSTICS
                + ", field cs_referrer_policy: READER_FIELD_MISSING_DEFAULT_VALUE", "registry v1");
        SchemasRun refused = register(schemas, released);
        assertThat(refused.exitCode()).as("%s", refused).isEqualTo(SchemasCommand.EXIT_INCOMPATIBLE);
        assertThat(refused.err()).contains(DIAGNOSTICS, "NOT registered", "READER_FIELD_MISSING_DEFAULT_VALUE");
        assertThat(client.latestVersion(DIAGNOSTICS).version()).isEqualTo(1);

        // a compatible v2: the same field with a default
        Files.writeString(cloudfront, v1Text);
        SchemasRun.addField(cloudfront,
                "{\"name\": \"cs_referrer_policy\", \"type\": [\"null\", \"string\"], \"default\": null}");
        SchemasRun check = SchemasRun.of("check", "--registry", registry.url(), "--schemas-dir", schemas.toString(),
                "--released-dir", released.toString());
        assertThat(check.exitCode()).as("%s", check).isZero();
        SchemasRun second = register(schemas, released);
        assertThat(second.exitCode()).as("%s", second).isZero();
        assertThat(second.out()).contains("2 registered, 6 unchanged, 0 refused.",
                "registered as version 2", "wrote " + released.resolve(DIAGNOSTICS).resolve("v2.avsc"),
                "wrote " + released.resolve(RELEASES).resolve("v2.avsc"));
        assertThat(client.latestVersion(DIAGNOSTICS).version()).isEqualTo(2);
        assertThat(new ReleasedSchemas(released).versions(DIAGNOSTICS)).hasSize(2);
        assertThat(new ReleasedSchemas(released).isUnreleased(DIAGNOSTICS, ReleasedSchemas.parse(cloudfront)))
                .isFalse();
    }

    private static SchemasRun register(Path schemas, Path released) {
        return SchemasRun.of("register", "--registry", registry.url(), "--schemas-dir", schemas.toString(),
                "--released-dir", released.toString());
    }
}
