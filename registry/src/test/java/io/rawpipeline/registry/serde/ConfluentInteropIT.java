package io.rawpipeline.registry.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.rawpipeline.local.ApicurioRegistry;
import io.rawpipeline.raw.AlbLogEntry;
import io.rawpipeline.raw.CloudFrontLogEntry;
import io.rawpipeline.raw.DeadLetter;
import io.rawpipeline.raw.License;
import io.rawpipeline.raw.SecurityPing;
import io.rawpipeline.registry.RegistryConfig;
import io.rawpipeline.registry.sample.SampleEvent;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.storage.Converter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our serde against Confluent's own classes (7.7.0, bundled in the Snowflake connector jar and loaded in
 * isolation), both talking to a real Apicurio Registry: each side reads what the other wrote, byte for byte alike.
 */
class ConfluentInteropIT {

    private static final String CONNECTOR_JAR_PROPERTY = "rawpipeline.snowflake.connector.jar";

    private static ApicurioRegistry registry;
    private static IsolatedPluginClassLoader confluent;

    @BeforeAll
    static void start() throws Exception {
        String jar = System.getProperty(CONNECTOR_JAR_PROPERTY);
        assertThat(jar).as("system property %s (set by the registry pom's Failsafe configuration)",
                CONNECTOR_JAR_PROPERTY).isNotBlank();
        assertThat(Paths.get(jar)).as("the Snowflake connector jar").isRegularFile();
        confluent = new IsolatedPluginClassLoader(Paths.get(jar).toUri().toURL(),
                ConfluentInteropIT.class.getClassLoader());
        registry = ApicurioRegistry.start(Paths.get("target", "apicurio-ConfluentInteropIT.log"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (registry != null) {
            registry.close();
        }
        confluent.close();
    }

    @Test
    void confluentDeserializerReadsWhatWeWrite() throws Exception {
        byte[] ours = ourSerializer().serialize("interop-a", SampleEvents.sample());

        Deserializer<Object> theirs = confluentInstance("io.confluent.kafka.serializers.KafkaAvroDeserializer");
        Object record = inPlugin(() -> {
            theirs.configure(registryConfig(), false);
            return theirs.deserialize("interop-a", ours);
        });

        assertThat(record.getClass().getClassLoader()).as("Confluent's Avro, not ours").isSameAs(confluent);
        assertThat(field(record, "source_file")).hasToString("s3://logs/a.gz");
        assertThat(field(record, "source_line")).isEqualTo(42L);
        assertThat(field(record, "host")).hasToString("d111.cloudfront.net");
        assertThat(field(record, "bytes_sent")).isEqualTo(1_234_567_890_123L);
        assertThat(field(record, "time_taken")).isEqualTo(0.25);
        assertThat(field(record, "status")).isEqualTo(200);
        assertThat(field(record, "cached")).isEqualTo(true);
        assertThat(field(record, "event_time")).isEqualTo(SampleEvents.EVENT_TIME_MILLIS);
        assertThat(stringMap(field(record, "tags"))).isEqualTo(Map.of("edge", "FRA50", "protocol", "https"));
    }

    @Test
    void confluentAvroConverterReadsWhatWeWrite() throws Exception {
        byte[] ours = ourSerializer().serialize("interop-b", SampleEvents.sample());

        Converter converter = confluentInstance("io.confluent.connect.avro.AvroConverter");
        SchemaAndValue connect = inPlugin(() -> {
            converter.configure(registryConfig(), false);
            return converter.toConnectData("interop-b", ours);
        });

        Struct struct = (Struct) connect.value();
        assertThat(struct.getString("source_file")).isEqualTo("s3://logs/a.gz");
        assertThat(struct.getInt64("source_line")).isEqualTo(42L);
        assertThat(struct.getString("host")).isEqualTo("d111.cloudfront.net");
        assertThat(struct.getInt64("bytes_sent")).isEqualTo(1_234_567_890_123L);
        assertThat(struct.getFloat64("time_taken")).isEqualTo(0.25);
        assertThat(struct.getInt32("status")).isEqualTo(200);
        assertThat(struct.getBoolean("cached")).isTrue();
        assertThat(struct.get("event_time")).isEqualTo(new Date(SampleEvents.EVENT_TIME_MILLIS));
        assertThat(struct.getMap("tags")).isEqualTo(Map.of("edge", "FRA50", "protocol", "https"));
    }

    @Test
    void weReadWhatConfluentSerializerWrites() throws Exception {
        byte[] theirs = confluentSerialize("interop-c");

        AvroDeserializer<SampleEvent> deserializer = new AvroDeserializer<>(SampleEvent.class);
        deserializer.configure(registryConfig(), false);

        assertThat(deserializer.deserialize("interop-c", theirs)).isEqualTo(SampleEvents.sample());
    }

    @Test
    void ourBytesEqualConfluentBytesForTheSameRecord() throws Exception {
        byte[] ours = ourSerializer().serialize("interop-d", SampleEvents.sample());
        byte[] theirs = confluentSerialize("interop-d");

        assertThat(ConfluentWireFormat.schemaId("interop-d", theirs))
                .as("schema id Confluent registered").isEqualTo(ConfluentWireFormat.schemaId("interop-d", ours));
        assertThat(ours).isEqualTo(theirs);
    }

    /** Each RAW schema: Confluent reads ours and writes it back to the same bytes (same id), which we read back. */
    @ParameterizedTest
    @ValueSource(classes = {AlbLogEntry.class, CloudFrontLogEntry.class, DeadLetter.class, License.class,
            SecurityPing.class})
    <T extends SpecificRecord> void rawRecordsRoundTripThroughConfluentByteForByte(Class<T> type) throws Exception {
        String topic = "interop-raw-" + type.getSimpleName();
        T original = filledRecord(type);
        AvroSerializer<T> ourSerializer = new AvroSerializer<>();
        ourSerializer.configure(registryConfig(), false);
        byte[] ours = ourSerializer.serialize(topic, original);

        Deserializer<Object> theirDeserializer = confluentInstance(
                "io.confluent.kafka.serializers.KafkaAvroDeserializer");
        Serializer<Object> theirSerializer = confluentInstance("io.confluent.kafka.serializers.KafkaAvroSerializer");
        byte[] theirs = inPlugin(() -> {
            theirDeserializer.configure(registryConfig(), false);
            theirSerializer.configure(registryConfig(), false);
            return theirSerializer.serialize(topic, theirDeserializer.deserialize(topic, ours));
        });
        AvroDeserializer<T> ourDeserializer = new AvroDeserializer<>(type);
        ourDeserializer.configure(registryConfig(), false);

        assertThat(theirs).isEqualTo(ours);
        assertThat(ourDeserializer.deserialize(topic, theirs)).isEqualTo(original);
    }

    /** Confluent's serializer writing the sample as a GenericRecord of the plugin's own Avro classes. */
    private static byte[] confluentSerialize(String topic) throws Exception {
        Class<?> schemaClass = confluent.loadClass("org.apache.avro.Schema");
        Object parser = confluent.loadClass("org.apache.avro.Schema$Parser").getConstructor().newInstance();
        Object schema = parser.getClass().getMethod("parse", String.class)
                .invoke(parser, SampleEvent.getClassSchema().toString());
        Constructor<?> recordConstructor = confluent.loadClass("org.apache.avro.generic.GenericData$Record")
                .getConstructor(schemaClass);
        Object record = recordConstructor.newInstance(schema);
        Method put = record.getClass().getMethod("put", String.class, Object.class);
        SampleEvent sample = SampleEvents.sample();
        put.invoke(record, "source_file", sample.getSourceFile());
        put.invoke(record, "source_line", sample.getSourceLine());
        put.invoke(record, "host", sample.getHost());
        put.invoke(record, "bytes_sent", sample.getBytesSent());
        put.invoke(record, "time_taken", sample.getTimeTaken());
        put.invoke(record, "status", sample.getStatus());
        put.invoke(record, "cached", sample.getCached());
        put.invoke(record, "event_time", sample.getEventTime().toEpochMilli());
        // map entries are written in iteration order, which equal Map.of maps share within one JVM
        put.invoke(record, "tags", sample.getTags());

        Serializer<Object> serializer = confluentInstance("io.confluent.kafka.serializers.KafkaAvroSerializer");
        return inPlugin(() -> {
            serializer.configure(registryConfig(), false);
            return serializer.serialize(topic, record);
        });
    }

    /** A record of the class with every field set, nullable ones to their non-null branch. */
    private static <T extends SpecificRecord> T filledRecord(Class<T> type) throws Exception {
        T record = type.getConstructor().newInstance();
        for (Schema.Field field : record.getSchema().getFields()) {
            record.put(field.pos(), valueFor(field.schema(), field.pos() + 1));
        }
        return record;
    }

    private static Object valueFor(Schema schema, int seed) {
        return switch (schema.getType()) {
            case UNION -> valueFor(schema.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL)
                    .findFirst().orElseThrow(), seed);
            case STRING -> "value " + seed + " – ünïcode";
            case LONG -> schema.getLogicalType() instanceof LogicalTypes.TimestampMillis
                    ? Instant.ofEpochMilli(SampleEvents.EVENT_TIME_MILLIS + seed) : 10_000_000_000L * seed;
            case INT -> -seed;
            case DOUBLE -> seed + 0.125;
            case BOOLEAN -> seed % 2 == 0;
            case BYTES -> ByteBuffer.wrap(new byte[] {(byte) seed, 0, (byte) 0xff});
            case MAP -> Map.of("key " + seed, valueFor(schema.getValueType(), seed));
            default -> throw new IllegalArgumentException("No sample value for " + schema);
        };
    }

    private static AvroSerializer<SampleEvent> ourSerializer() {
        AvroSerializer<SampleEvent> serializer = new AvroSerializer<>();
        serializer.configure(registryConfig(), false);
        return serializer;
    }

    private static Map<String, Object> registryConfig() {
        return new HashMap<>(Map.of(RegistryConfig.SCHEMA_REGISTRY_URL_CONFIG, registry.url()));
    }

    @SuppressWarnings("unchecked")
    private static <T> T confluentInstance(String className) throws Exception {
        return inPlugin(() -> (T) confluent.loadClass(className).getConstructor().newInstance());
    }

    /** Runs with the plugin as context class loader, as Connect does: Kafka's ConfigDef resolves classes there. */
    private static <T> T inPlugin(Callable<T> action) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(confluent);
        try {
            return action.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static Object field(Object genericRecord, String name) throws Exception {
        return genericRecord.getClass().getMethod("get", String.class).invoke(genericRecord, name);
    }

    private static Map<String, String> stringMap(Object avroMap) {
        Map<String, String> strings = new HashMap<>();
        ((Map<?, ?>) avroMap).forEach((key, value) -> strings.put(key.toString(), value.toString()));
        return strings;
    }
}
