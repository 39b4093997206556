package io.rawpipeline.cli.deadletters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rawpipeline.formats.RawLineHeaders;
import io.rawpipeline.registry.RegistryConfig;
import io.rawpipeline.registry.SchemaRegistryClient;
import io.rawpipeline.registry.serde.AvroDeserializer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.io.JsonEncoder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the dead-letter topics ({@code dead-letters.*}) and turns each record into a {@link DeadLetter}, whatever
 * wrote it: the parse app (Avro {@code DeadLetter}), the S3 source (a JSON error record) or Connect for a sink (the
 * record as consumed, with the {@code __connect.errors.*} headers).
 */
public final class DeadLetterReader implements AutoCloseable {

    static final String PREFIX = "dead-letters.";
    static final String CONNECT_HEADERS = "__connect.errors.";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Object> clientSettings;
    private final AvroDeserializer<io.rawpipeline.raw.DeadLetter> parseLetters;
    private final SchemaRegistryClient registry;

    public DeadLetterReader(Map<String, Object> clientSettings, String registryUrl) {
        this.clientSettings = clientSettings;
        Map<String, Object> registrySettings = Map.of(RegistryConfig.SCHEMA_REGISTRY_URL_CONFIG, registryUrl);
        parseLetters = new AvroDeserializer<>(io.rawpipeline.raw.DeadLetter.class);
        parseLetters.configure(registrySettings, false);
        registry = new SchemaRegistryClient(new RegistryConfig(registrySettings));
    }

    /** The dead-letter topics that exist, or those of {@code wanted} among them. */
    public Set<String> topics(Set<String> wanted) throws Exception {
        try (Admin admin = Admin.create(clientSettings)) {
            Set<String> topics = new TreeSet<>();
            for (String topic : admin.listTopics().names().get()) {
                if (topic.startsWith(PREFIX) && !topic.equals(Redrive.LEDGER_TOPIC)
                        && (wanted.isEmpty() || wanted.contains(topic))) {
                    topics.add(topic);
                }
            }
            return topics;
        }
    }

    /** Every record of {@code topics} committed so far, oldest first per partition. */
    public void read(Set<String> topics, Consumer<DeadLetter> each) {
        Map<String, Object> settings = new HashMap<>(clientSettings);
        settings.put("isolation.level", "read_committed");
        settings.put("enable.auto.commit", "false");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(settings, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    each.accept(decode(record));
                }
            }
        }
    }

    DeadLetter decode(ConsumerRecord<byte[], byte[]> record) {
        Map<String, String> headers = new HashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value() == null ? null : new String(header.value(),
                    StandardCharsets.UTF_8));
        }
        Instant time = Instant.ofEpochMilli(record.timestamp());
        String connectTopic = headers.get(CONNECT_HEADERS + "topic");
        if (connectTopic != null) {
            String exception = headers.get(CONNECT_HEADERS + "exception.class.name");
            String message = headers.get(CONNECT_HEADERS + "exception.message");
            String reason = (exception == null ? "" : exception.substring(exception.lastIndexOf('.') + 1) + ": ")
                    + (message == null ? "(no message)" : message);
            String line = headers.get(RawLineHeaders.SOURCE_LINE);
            return new DeadLetter(record.topic(), record.partition(), record.offset(), time,
                    headers.getOrDefault(CONNECT_HEADERS + "stage", "sink"), reason,
                    headers.get(RawLineHeaders.SOURCE_FILE), line == null ? null : Long.valueOf(line),
                    text(record.value()), new ProducerRecord<>(connectTopic, null, record.key(), record.value(),
                            withoutConnectHeaders(record.headers())));
        }
        byte[] value = record.value();
        if (value != null && value.length > 5 && value[0] == 0) {
            io.rawpipeline.raw.DeadLetter letter = parseLetters.deserialize(record.topic(), value);
            return new DeadLetter(record.topic(), record.partition(), record.offset(), letter.getRejectedAt(),
                    letter.getStage(), letter.getReason(), letter.getSourceFile(), letter.getSourceLine(),
                    StandardCharsets.UTF_8.decode(letter.getRaw().duplicate()).toString(),
                    letter.getTopic() == null ? null : new ProducerRecord<>(letter.getTopic(), null, record.key(),
                            bytes(letter.getRaw()), rawHeaders(letter.getRawHeaders())));
        }
        JsonNode error = json(value);
        if (error != null && error.has("reason")) {
            JsonNode line = error.path("line");
            return new DeadLetter(record.topic(), record.partition(), record.offset(),
                    error.hasNonNull("reported_at") ? Instant.parse(error.get("reported_at").asText()) : time,
                    error.path("stage").asText("s3-source"), error.get("reason").asText(),
                    error.hasNonNull("object") ? error.get("object").asText() : headers.get(RawLineHeaders.SOURCE_FILE),
                    line == null || !line.canConvertToLong() ? null : line.asLong(),
                    error.hasNonNull("line_start") ? error.get("line_start").asText() : error.path("body").asText(null),
                    null);
        }
        return new DeadLetter(record.topic(), record.partition(), record.offset(), time, "unknown",
                "a record this command does not know how to read", headers.get(RawLineHeaders.SOURCE_FILE), null,
                text(value), null);
    }

    private static Iterable<Header> withoutConnectHeaders(Headers headers) {
        RecordHeaders kept = new RecordHeaders();
        headers.forEach(header -> {
            if (!header.key().startsWith(CONNECT_HEADERS)) {
                kept.add(header);
            }
        });
        return kept;
    }

    private static Iterable<Header> rawHeaders(Map<String, String> raw) {
        RecordHeaders headers = new RecordHeaders();
        if (raw != null) {
            raw.forEach((key, value) -> headers.add(key,
                    value == null ? null : value.getBytes(StandardCharsets.UTF_8)));
        }
        return headers;
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    /** A record's value as a person reads it: Confluent-wire Avro as JSON, anything else as UTF-8. */
    private String text(byte[] value) {
        if (value == null) {
            return null;
        }
        if (value.length > 5 && value[0] == 0) {
            try {
                Schema schema = registry.schemaById(ByteBuffer.wrap(value, 1, 4).getInt());
                Object datum = new GenericDatumReader<>(schema).read(null, DecoderFactory.get().binaryDecoder(value,
                        5, value.length - 5, null));
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                JsonEncoder encoder = EncoderFactory.get().jsonEncoder(schema, out);
                new GenericDatumWriter<>(schema).write(datum, encoder);
                encoder.flush();
                return out.toString(StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException e) {
                return new String(value, StandardCharsets.UTF_8);
            }
        }
        return new String(value, StandardCharsets.UTF_8);
    }

    private static JsonNode json(byte[] value) {
        if (value == null || value.length == 0 || value[0] != '{') {
            return null;
        }
        try {
            return JSON.readTree(value);
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() {
        parseLetters.close();
    }
}
