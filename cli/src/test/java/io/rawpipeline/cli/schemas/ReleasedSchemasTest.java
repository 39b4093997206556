package io.rawpipeline.cli.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.rawpipeline.registry.compatibility.ReleasedSchemas;
import io.rawpipeline.registry.compatibility.SchemaCheck;
import io.rawpipeline.registry.compatibility.SchemaIncompatibility;
import io.rawpipeline.registry.compatibility.SubjectReport;
import io.rawpipeline.registry.compatibility.SubjectSchema;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The build's gate: the repository's current {@code .avsc} files against every released version in
 * {@code schemas/released/}, under each subject's mode. An incompatible change fails {@code mvn verify} here with the
 * subject, field and rule.
 */
class ReleasedSchemasTest {

    @Test
    void theCurrentSchemasAreCompatibleWithEveryReleasedVersion() {
        List<SubjectReport> reports = new SchemaCheck(new ReleasedSchemas(SchemasRun.RELEASED_DIR), null)
                .checkAll(Subjects.current(SchemasRun.SCHEMAS_DIR));

        String broken = reports.stream().flatMap(r -> r.incompatibilities().stream())
                .map(SchemaIncompatibility::describe).collect(Collectors.joining("\n  "));
        assertThat(broken).as("incompatible schema changes (see docs/replay-backfill-schemas.md)").isEmpty();
    }

    @Test
    void everySubjectThePipelineWritesHasAReleasedVersion() {
        ReleasedSchemas released = new ReleasedSchemas(SchemasRun.RELEASED_DIR);

        assertThat(Subjects.current(SchemasRun.SCHEMAS_DIR)).map(SubjectSchema::subject)
                .containsExactly("diagnostics.log_entries-value", "telemetry.security_pings-value",
                        "releases.log_entries-value", "push_proxy.logs_us_new-value", "push_proxy.logs_eu_new-value",
                        "push_proxy.logs_test_new-value", "licenses.licenses-value", "dead-letters.parse-value")
                .allSatisfy(subject -> assertThat(released.versions(subject)).as(subject).isNotEmpty());
    }

    @Test
    void theCheckCommandPassesOnTheRepository() {
        SchemasRun run = SchemasRun.of("check", "--schemas-dir", SchemasRun.SCHEMAS_DIR.toString(),
                "--released-dir", SchemasRun.RELEASED_DIR.toString());

        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(run.out()).contains("Checking 8 subjects", "All 8 subjects compatible.");
    }
}
