package io.rawpipeline.registry.compatibility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rawpipeline.registry.CompatibilityLevel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleasedSchemasTest {

    private static final Schema V1 = SchemaBuilder.record("Entry").namespace("t").fields()
            .requiredString("host").endRecord();
    private static final Schema V2 = SchemaBuilder.record("Entry").namespace("t").fields()
            .requiredString("host").optionalLong("bytes").endRecord();

    @TempDir
    Path dir;

    @Test
    void releasesNumberedVersionsAndReadsThemBackInOrder() {
        ReleasedSchemas released = new ReleasedSchemas(dir);
        assertThat(released.versions("a-value")).isEmpty();
        assertThat(released.isUnreleased("a-value", V1)).isTrue();

        assertThat(released.release("a-value", V1)).isEqualTo(dir.resolve("a-value/v1.avsc"));
        assertThat(released.isUnreleased("a-value", V1)).isFalse();
        assertThat(released.release("a-value", V2)).isEqualTo(dir.resolve("a-value/v2.avsc"));

        assertThat(released.versions("a-value")).containsExactly(new PastVersion("released", 1, V1),
                new PastVersion("released", 2, V2));
    }

    @Test
    void readsTheSubjectModeOrDefaultsToBackwardTransitive() throws Exception {
        ReleasedSchemas released = new ReleasedSchemas(dir);
        assertThat(released.level("a-value")).isEqualTo(CompatibilityLevel.BACKWARD_TRANSITIVE);

        Files.createDirectories(dir.resolve("a-value"));
        Files.writeString(dir.resolve("a-value/compatibility"), "full_transitive\n");
        assertThat(released.level("a-value")).isEqualTo(CompatibilityLevel.FULL_TRANSITIVE);

        Files.writeString(dir.resolve("a-value/compatibility"), "SOMETIMES");
        assertThatThrownBy(() -> released.level("a-value")).hasMessageContaining("SOMETIMES");
    }
}
