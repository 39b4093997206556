package io.rawpipeline.local.pipeline;

import io.rawpipeline.formats.RawLineHeaders;
import io.rawpipeline.raw.DeadLetter;
import io.rawpipeline.registry.RegistryConfig;
import io.rawpipeline.registry.serde.AvroDeserializer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** The parse app's dead letters, counted by the table their line was meant for. */
public final class DeadLetters {

    private DeadLetters() {
    }

    /**
     * @param tablesBySource the parsed topics of each source; a source with several names the line's table in the
     *                       {@code rawpipeline.table} header, as the raw line did
     */
    public static Map<String, Long> countByTable(String bootstrapServers, String registryUrl, String topic,
            Map<String, List<String>> tablesBySource) {
        Map<String, Long> counts = new HashMap<>();
        AvroDeserializer<DeadLetter> letters = new AvroDeserializer<>(DeadLetter.class);
        letters.configure(Map.of(RegistryConfig.SCHEMA_REGISTRY_URL_CONFIG, registryUrl), false);
        try (KafkaConsumer<byte[], DeadLetter> consumer = new KafkaConsumer<>(Landing.readerSettings(
                bootstrapServers), new ByteArrayDeserializer(), letters)) {
            Landing.readToEnd(consumer, List.of(topic),
                    record -> counts.merge(tableOf(record.value(), tablesBySource), 1L, Long::sum));
        }
        return counts;
    }

    private static String tableOf(DeadLetter letter, Map<String, List<String>> tablesBySource) {
        String named = letter.getRawHeaders() == null ? null : letter.getRawHeaders().get(RawLineHeaders.TABLE);
        if (named != null) {
            return named;
        }
        List<String> tables = tablesBySource.getOrDefault(letter.getSource(), List.of());
        return tables.isEmpty() ? letter.getSource() : tables.get(0);
    }
}
