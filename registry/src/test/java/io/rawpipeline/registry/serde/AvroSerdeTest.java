package io.rawpipeline.registry.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rawpipeline.registry.RegistryConfig;
import io.rawpipeline.registry.SchemaRegistryClient;
import io.rawpipeline.registry.StubRegistryServer;
import io.rawpipeline.registry.sample.SampleEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {

    private static final String TOPIC = "events";

    private final StubRegistryServer server = newServer().actAsRegistry();
    private final SchemaRegistryClient client = new SchemaRegistryClient(new RegistryConfig(config()));

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void writesConfluentWireFormatThatReadsBack() throws IOException {
        SampleEvent event = SampleEvents.sample();

        byte[] bytes = new AvroSerializer<SampleEvent>(client, true, false).serialize(TOPIC, event);

        int id = client.idOf("events-value", SampleEvent.getClassSchema());
        assertThat(Arrays.copyOf(bytes, 5)).containsExactly(0, 0, 0, 0, id);
        GenericRecord plain = new GenericDatumReader<GenericRecord>(SampleEvent.getClassSchema())
                .read(null, DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, null));
        assertThat(plain.get("source_file")).hasToString("s3://logs/a.gz");
        assertThat(new AvroDeserializer<>(SampleEvent.class, client).deserialize(TOPIC, bytes)).isEqualTo(event);
    }

    @Test
    void readsRecordWrittenWithAnOlderSchemaIntoTheNewerClass() throws IOException {
        Schema timestamp = LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG));
        Schema older = SchemaBuilder.record("SampleEvent").namespace("io.rawpipeline.registry.sample").fields()
                .requiredString("source_file")
                .requiredLong("source_line")
                .requiredBoolean("cached")
                .name("event_time").type(timestamp).noDefault()
                .name("tags").type().map().values().stringType().noDefault()
                .endRecord();
        int olderId = client.register("events-value", older);
        GenericRecord old = new GenericData.Record(older);
        old.put("source_file", "s3://logs/old.gz");
        old.put("source_line", 3L);
        old.put("cached", true);
        old.put("event_time", 1_700_000_000_123L);
        old.put("tags", Map.of("edge", "FRA50"));

        SampleEvent read = new AvroDeserializer<>(SampleEvent.class, client).deserialize(TOPIC, framed(olderId, old));

        assertThat(read.getSourceFile()).isEqualTo("s3://logs/old.gz");
        assertThat(read.getEventTime()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_123L));
        assertThat(read.getTags()).containsExactly(Map.entry("edge", "FRA50"));
        assertThat(read.getHost()).isNull();
        assertThat(read.getBytesSent()).isNull();
        assertThat(read.getStatus()).isNull();
    }

    @Test
    void mapsNullToNull() {
        assertThat(new AvroSerializer<SampleEvent>(client, true, false).serialize(TOPIC, null)).isNull();
        assertThat(new AvroDeserializer<>(SampleEvent.class, client).deserialize(TOPIC, null)).isNull();
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void rejectsUnknownMagicByte() {
        assertThatThrownBy(() -> deserializer().deserialize(TOPIC, new byte[] {0x7b, 0, 0, 0, 1, 2}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Unknown magic byte 0x7b")
                .hasMessageContaining("'events'");
    }

    @Test
    void rejectsDataShorterThanTheHeader() {
        assertThatThrownBy(() -> deserializer().deserialize(TOPIC, new byte[] {0, 0, 1}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("has 3 bytes");
    }

    @Test
    void rejectsUnknownSchemaId() {
        assertThatThrownBy(() -> deserializer().deserialize(TOPIC, new byte[] {0, 0, 0, 3, (byte) 0xe7, 2}))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("Unknown schema id 999 ")
                .hasMessageContaining("error_code 40403");
    }

    @Test
    void reportsACorruptPayloadWithItsSchemaId() {
        byte[] bytes = new AvroSerializer<SampleEvent>(client, true, false).serialize(TOPIC, SampleEvents.sample());

        byte[] truncated = Arrays.copyOf(bytes, 9);

        assertThatThrownBy(() -> deserializer().deserialize(TOPIC, truncated))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("schema id " + bytes[4])
                .hasMessageContaining(SampleEvent.class.getName());
    }

    @Test
    void registersOncePerTopicAndSchema() {
        AvroSerializer<SampleEvent> serializer = new AvroSerializer<>(client, true, false);

        serializer.serialize(TOPIC, SampleEvents.sample());
        serializer.serialize(TOPIC, SampleEvents.sample());
        serializer.serialize("other", SampleEvents.sample());

        assertThat(server.requests()).extracting(StubRegistryServer.Request::path)
                .containsExactly("/subjects/events-value/versions", "/subjects/other-value/versions");
    }

    @Test
    void looksUpTheIdWithoutRegisteringWhenAutoRegisterIsOff() {
        AvroSerializer<SampleEvent> serializer = new AvroSerializer<>(client, false, true);

        assertThatThrownBy(() -> serializer.serialize(TOPIC, SampleEvents.sample()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Could not look up schema io.rawpipeline.registry.sample.SampleEvent under"
                        + " subject 'events-key'");
        assertThat(server.requests()).extracting(StubRegistryServer.Request::path)
                .containsExactly("/subjects/events-key");
    }

    @Test
    void reportsARecordThatDoesNotMatchItsSchema() {
        SampleEvent missingTags = SampleEvents.sample();
        missingTags.setTags(null);

        assertThatThrownBy(() -> new AvroSerializer<SampleEvent>(client, true, false).serialize(TOPIC, missingTags))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Could not encode io.rawpipeline.registry.sample.SampleEvent for topic"
                        + " 'events'");
    }

    @Test
    void configuredSerdeTakesTheRecordClassFromConfig() {
        Map<String, Object> configs = Map.of(RegistryConfig.SCHEMA_REGISTRY_URL_CONFIG, server.url(),
                RegistryConfig.SPECIFIC_AVRO_VALUE_TYPE_CONFIG, SampleEvent.class.getName());
        try (AvroSerde<SampleEvent> serde = new AvroSerde<>()) {
            serde.configure(configs, false);

            byte[] bytes = serde.serializer().serialize(TOPIC, SampleEvents.sample());

            assertThat(serde.deserializer().deserialize(TOPIC, bytes)).isEqualTo(SampleEvents.sample());
        }
    }

    @Test
    void unconfiguredRecordClassIsAConfigError() {
        assertThatThrownBy(() -> new AvroDeserializer<SampleEvent>().configure(config(), true))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(RegistryConfig.SPECIFIC_AVRO_KEY_TYPE_CONFIG);
    }

    private AvroDeserializer<SampleEvent> deserializer() {
        return new AvroDeserializer<>(SampleEvent.class, client);
    }

    private static byte[] framed(int schemaId, GenericRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ConfluentWireFormat.writeHeader(out, schemaId);
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private Map<String, Object> config() {
        return Map.of(RegistryConfig.SCHEMA_REGISTRY_URL_CONFIG, server.url(),
                RegistryConfig.RETRY_BACKOFF_MS_CONFIG, "1");
    }

    private static StubRegistryServer newServer() {
        try {
            return new StubRegistryServer();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
