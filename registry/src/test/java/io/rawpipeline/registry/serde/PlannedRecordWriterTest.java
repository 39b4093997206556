package io.rawpipeline.registry.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.rawpipeline.registry.sample.Digest;
import io.rawpipeline.registry.sample.Level;
import io.rawpipeline.registry.sample.Origin;
import io.rawpipeline.registry.sample.SampleEvent;
import io.rawpipeline.registry.sample.UnplannedShapes;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlannedRecordWriterTest {

    @Test
    void writesTheSameBytesAsAvroForFieldsItLeavesToAvro() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("edge", "FRA50");
        labels.put("gone", null);
        UnplannedShapes record = shapes()
                .setBytesSent(1_234_567_890_123L)
                .setOrigin(new Origin("logs", Instant.ofEpochMilli(1_700_000_000_999L)))
                .setCode("E42")
                .setLabels(labels)
                .build();

        assertWritesAvroBytesThatReadBack(record);
    }

    @Test
    void writesTheSameBytesAsAvroWhenNullableFieldsAreNullOrTakeTheirOtherBranch() {
        UnplannedShapes record = shapes()
                .setBytesSent(null)
                .setOrigin(null)
                .setCode(-7L)
                .setLabels(null)
                .build();

        assertWritesAvroBytesThatReadBack(record);
    }

    @Test
    void failsLikeAvroOnNullInANonNullableField() {
        SampleEvent event = SampleEvents.sample();
        event.setSourceFile(null);

        Throwable avro = catchThrowable(() -> RecordBytes.byAvro(event));
        Throwable planned = catchThrowable(() -> RecordBytes.byPlan(event));

        assertThat(avro).isInstanceOf(NullPointerException.class);
        assertThat(planned).isInstanceOf(avro.getClass()).hasMessage(avro.getMessage());
        assertThat(planned.getMessage()).contains("source_file");
    }

    @Test
    void failsOnNullMapValueWhereTheSchemaDoesNotAllowIt() {
        Map<String, String> tags = new HashMap<>();
        tags.put("edge", null);
        SampleEvent event = SampleEvents.sample();
        event.setTags(tags);

        assertThat(catchThrowable(() -> RecordBytes.byAvro(event))).isInstanceOf(NullPointerException.class);
        assertThat(catchThrowable(() -> RecordBytes.byPlan(event))).isInstanceOf(NullPointerException.class);
    }

    private static UnplannedShapes.Builder shapes() {
        return UnplannedShapes.newBuilder()
                .setSourceFile("s3://logs/a.gz")
                .setLevel(Level.HIGH)
                .setTags(List.of("a", "ü", ""))
                .setCounts(Map.of("hits", Long.MIN_VALUE))
                .setDigest(new Digest(new byte[] {1, 2, 3, 4}))
                .setReadAtMicros(Instant.ofEpochSecond(1_700_000_000L, 123_456_000L))
                .setEventTime(Instant.ofEpochMilli(-1L));
    }

    private static void assertWritesAvroBytesThatReadBack(UnplannedShapes record) {
        byte[] bytes = RecordBytes.byPlan(record);

        assertThat(bytes).isEqualTo(RecordBytes.byAvro(record));
        assertThat(RecordBytes.read(bytes, UnplannedShapes.class)).isEqualTo(record);
    }
}
