package io.rawpipeline.cli.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pipeline schemas check} on copies of the repository's schemas, changed as an engineer would. */
class SchemasCheckCommandTest {

    @TempDir
    Path tmp;

    private Path schemas;
    private Path released;

    @BeforeEach
    void copyTheRepositorySchemas() throws IOException {
        schemas = SchemasRun.copy(SchemasRun.SCHEMAS_DIR, tmp.resolve("avro"));
        released = SchemasRun.copy(SchemasRun.RELEASED_DIR, tmp.resolve("released"));
    }

    @Test
    void aFieldAddedWithADefaultPassesAndIsReportedAsUnreleased() throws IOException {
        SchemasRun.addField(schemas.resolve("cloudfront-log-entry.avsc"),
                "{\"name\": \"cs_referrer_policy\", \"type\": [\"null\", \"string\"], \"default\": null}");

        SchemasRun run = check();

        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(run.out()).contains("All 8 subjects compatible.",
                "changed since released v1; register writes the next version");
    }

    @Test
    void aFieldAddedWithoutADefaultFailsNamingSubjectFieldAndRule() throws IOException {
        SchemasRun.addField(schemas.resolve("cloudfront-log-entry.avsc"),
                "{\"name\": \"cs_referrer_policy\", \"type\": \"string\"}");

        SchemasRun run = check();

        assertThat(run.exitCode()).as("%s", run).isEqualTo(SchemasCommand.EXIT_INCOMPATIBLE);
        assertThat(run.err()).contains("2 of 8 subjects INCOMPATIBLE",
                "subject diagnostics.log_entries-value, field cs_referrer_policy: READER_FIELD_MISSING_DEFAULT_VALUE",
                "subject releases.log_entries-value, field cs_referrer_policy: READER_FIELD_MISSING_DEFAULT_VALUE",
                "released v1", "BACKWARD_TRANSITIVE");
    }

    @Test
    void aTypeChangeFails() throws IOException {
        Path license = schemas.resolve("license.avsc");
        String text = Files.readString(license);
        String changed = text.replaceFirst("\\{\"name\": \"(\\w+)\", \"type\": \"string\"",
                "{\"name\": \"$1\", \"type\": \"int\"");
        assertThat(changed).isNotEqualTo(text);
        Files.writeString(license, changed);

        SchemasRun run = check();

        assertThat(run.exitCode()).as("%s", run).isEqualTo(SchemasCommand.EXIT_INCOMPATIBLE);
        assertThat(run.err()).contains("subject licenses.licenses-value, field ", ": TYPE_MISMATCH");
    }

    @Test
    void aFieldRemovedFailsUnderAForwardModeSetForTheSubject() throws IOException {
        Path ping = schemas.resolve("security-ping.avsc");
        String text = Files.readString(ping);
        // source_line is a long without a default in every record
        String removed = text.replaceFirst("\\s*\\{\"name\": \"source_line\"[^\\n]*\\n", "\n");
        assertThat(removed).isNotEqualTo(text);
        Files.writeString(ping, removed.replace("\"string\"},\n\n", "\"string\"},\n"));
        Files.writeString(released.resolve("telemetry.security_pings-value/compatibility"), "FULL_TRANSITIVE\n");

        SchemasRun run = check();

        assertThat(run.exitCode()).as("%s", run).isEqualTo(SchemasCommand.EXIT_INCOMPATIBLE);
        assertThat(run.err()).contains(
                "subject telemetry.security_pings-value, field source_line: READER_FIELD_MISSING_DEFAULT_VALUE",
                "FULL_TRANSITIVE");
    }

    @Test
    void anUnreadableSchemaIsAnErrorNotAVerdict() throws IOException {
        Files.writeString(schemas.resolve("license.avsc"), "{ not json");

        SchemasRun run = check();

        assertThat(run.exitCode()).as("%s", run).isEqualTo(SchemasCommand.EXIT_ERROR);
        assertThat(run.err()).contains("pipeline schemas check: could not run", "license.avsc");
    }

    private SchemasRun check() {
        return SchemasRun.of("check", "--schemas-dir", schemas.toString(), "--released-dir", released.toString());
    }
}
