package io.rawpipeline.registry.compatibility;

import static org.assertj.core.api.Assertions.assertThat;

import io.rawpipeline.registry.CompatibilityLevel;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

class CompatibilityCheckerTest {

    private static final String SUBJECT = "diagnostics.log_entries-value";

    private static final Schema V1 = SchemaBuilder.record("Entry").namespace("t").fields()
            .requiredString("host").requiredLong("bytes").endRecord();
    private static final Schema ADDS_FIELD_WITH_DEFAULT = SchemaBuilder.record("Entry").namespace("t").fields()
            .requiredString("host").requiredLong("bytes").optionalString("referer").endRecord();
    private static final Schema ADDS_FIELD_WITHOUT_DEFAULT = SchemaBuilder.record("Entry").namespace("t").fields()
            .requiredString("host").requiredLong("bytes").requiredString("referer").endRecord();
    private static final Schema REMOVES_FIELD = SchemaBuilder.record("Entry").namespace("t").fields()
            .requiredString("host").endRecord();
    private static final Schema CHANGES_TYPE = SchemaBuilder.record("Entry").namespace("t").fields()
            .requiredString("host").requiredString("bytes").endRecord();

    @Test
    void aFieldAddedWithADefaultPasses() {
        for (CompatibilityLevel level : CompatibilityLevel.values()) {
            assertThat(CompatibilityChecker.check(SUBJECT, ADDS_FIELD_WITH_DEFAULT, released(V1), level))
                    .as("%s", level).isEmpty();
        }
    }

    @Test
    void aFieldAddedWithoutADefaultFailsNamingSubjectFieldAndRule() {
        List<SchemaIncompatibility> found = CompatibilityChecker.check(SUBJECT, ADDS_FIELD_WITHOUT_DEFAULT,
                released(V1), CompatibilityLevel.BACKWARD_TRANSITIVE);

        assertThat(found).singleElement().satisfies(i -> {
            assertThat(i.subject()).isEqualTo(SUBJECT);
            assertThat(i.field()).isEqualTo("referer");
            assertThat(i.rule()).isEqualTo("READER_FIELD_MISSING_DEFAULT_VALUE");
            assertThat(i.against()).isEqualTo("released v1");
            assertThat(i.describe()).contains(SUBJECT, "field referer", "READER_FIELD_MISSING_DEFAULT_VALUE",
                    "released v1", "BACKWARD_TRANSITIVE", "Give the field a default");
        });
    }

    @Test
    void aTypeChangeFailsNamingTheField() {
        List<SchemaIncompatibility> found = CompatibilityChecker.check(SUBJECT, CHANGES_TYPE, released(V1),
                CompatibilityLevel.BACKWARD_TRANSITIVE);

        assertThat(found).singleElement().satisfies(i -> {
            assertThat(i.field()).isEqualTo("bytes");
            assertThat(i.rule()).isEqualTo("TYPE_MISMATCH");
            assertThat(i.location()).isEqualTo("/fields/1/type");
        });
    }

    @Test
    void aFieldRemovedThatHadNoDefaultFailsWhereOldReadersMustReadNewData() {
        for (CompatibilityLevel level : List.of(CompatibilityLevel.FORWARD, CompatibilityLevel.FORWARD_TRANSITIVE,
                CompatibilityLevel.FULL, CompatibilityLevel.FULL_TRANSITIVE)) {
            assertThat(CompatibilityChecker.check(SUBJECT, REMOVES_FIELD, released(V1), level)).as("%s", level)
                    .singleElement().satisfies(i -> {
                        assertThat(i.field()).isEqualTo("bytes");
                        assertThat(i.rule()).isEqualTo("READER_FIELD_MISSING_DEFAULT_VALUE");
                        assertThat(i.reader()).isEqualTo("released v1");
                        assertThat(i.writer()).isEqualTo("the current schema");
                    });
        }
        // Avro's BACKWARD rule: the new reader ignores a field the old writer wrote
        assertThat(CompatibilityChecker.check(SUBJECT, REMOVES_FIELD, released(V1),
                CompatibilityLevel.BACKWARD_TRANSITIVE)).isEmpty();
    }

    @Test
    void transitiveModesCompareWithEveryVersionTheOthersWithTheLatestOnly() {
        // v2 added referer with a default; now it loses the default: v2's data has it, v1's does not
        Schema v2 = SchemaBuilder.record("Entry").namespace("t").fields().requiredString("host")
                .requiredLong("bytes").name("referer").type().stringType().stringDefault("").endRecord();
        List<PastVersion> history = released(V1, v2);

        assertThat(CompatibilityChecker.check(SUBJECT, ADDS_FIELD_WITHOUT_DEFAULT, history,
                CompatibilityLevel.BACKWARD)).isEmpty();
        assertThat(CompatibilityChecker.check(SUBJECT, ADDS_FIELD_WITHOUT_DEFAULT, history,
                CompatibilityLevel.BACKWARD_TRANSITIVE)).singleElement()
                .satisfies(i -> assertThat(i.against()).isEqualTo("released v1"));
    }

    @Test
    void noneChecksNothingAndANewSubjectHasNothingToBreak() {
        assertThat(CompatibilityChecker.check(SUBJECT, CHANGES_TYPE, released(V1), CompatibilityLevel.NONE))
                .isEmpty();
        assertThat(CompatibilityChecker.check(SUBJECT, CHANGES_TYPE, List.of(), CompatibilityLevel.FULL_TRANSITIVE))
                .isEmpty();
    }

    @Test
    void namesANestedFieldByItsPath() {
        Schema nested = SchemaBuilder.record("Outer").namespace("t").fields()
                .name("request").type(SchemaBuilder.record("Request").fields().requiredString("uri").endRecord())
                .noDefault().endRecord();
        Schema nestedChanged = SchemaBuilder.record("Outer").namespace("t").fields()
                .name("request").type(SchemaBuilder.record("Request").fields().requiredInt("uri").endRecord())
                .noDefault().endRecord();

        assertThat(CompatibilityChecker.check(SUBJECT, nestedChanged, released(nested),
                CompatibilityLevel.BACKWARD)).singleElement()
                .satisfies(i -> assertThat(i.field()).isEqualTo("request.uri"));
    }

    private static List<PastVersion> released(Schema... versions) {
        return java.util.stream.IntStream.range(0, versions.length)
                .mapToObj(i -> new PastVersion("released", i + 1, versions[i])).toList();
    }
}
