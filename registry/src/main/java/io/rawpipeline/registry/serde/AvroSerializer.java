package io.rawpipeline.registry.serde;

import io.rawpipeline.registry.RegistryConfig;
import io.rawpipeline.registry.RegistryException;
import io.rawpipeline.registry.SchemaRegistryClient;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes Avro specific records in the Confluent wire format; the subject is {@code <topic>-value} or
 * {@code <topic>-key}. The schema is registered when {@code auto.register.schemas} is true, else looked up.
 */
public class AvroSerializer<T extends SpecificRecord> implements Serializer<T> {

    /** A thread keeps its buffer only while it stays this small, so one huge record does not pin memory. */
    private static final int MAX_RETAINED_BUFFER = 1 << 20;

    private final Map<TopicSchema, Integer> ids = new ConcurrentHashMap<>();
    private final Map<Schema, DatumWriter<T>> writers = new ConcurrentHashMap<>();
    private final ThreadLocal<EncodingBuffer> buffers = ThreadLocal.withInitial(EncodingBuffer::new);
    private SchemaRegistryClient client;
    private boolean autoRegister;
    private boolean isKey;

    /** For Kafka, which calls {@link #configure}. */
    public AvroSerializer() {
    }

    AvroSerializer(SchemaRegistryClient client, boolean autoRegister, boolean isKey) {
        this.client = client;
        this.autoRegister = autoRegister;
        this.isKey = isKey;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        RegistryConfig config = new RegistryConfig(configs);
        this.client = new SchemaRegistryClient(config);
        this.autoRegister = config.getBoolean(RegistryConfig.AUTO_REGISTER_SCHEMAS_CONFIG);
        this.isKey = isKey;
    }

    @Override
    public byte[] serialize(String topic, T record) {
        if (record == null) {
            return null;
        }
        if (client == null) {
            throw new IllegalStateException("AvroSerializer used before configure()");
        }
        Schema schema = record.getSchema();
        int id = schemaId(topic, schema);
        EncodingBuffer buffer = buffers.get();
        ConfluentWireFormat.writeHeader(buffer.restart(), id);
        try {
            buffer.encode(writers.computeIfAbsent(schema, s -> PlannedRecordWriter.forRecord(record)), record);
        } catch (IOException | RuntimeException e) {
            buffers.remove();
            throw new SerializationException("Could not encode " + schema.getFullName() + " for topic '" + topic
                    + "': " + e.getMessage(), e);
        }
        byte[] bytes = buffer.toByteArray();
        if (bytes.length > MAX_RETAINED_BUFFER) {
            buffers.remove();
        }
        return bytes;
    }

    @Override
    public void close() {
        buffers.remove();
    }

    private int schemaId(String topic, Schema schema) {
        TopicSchema key = new TopicSchema(topic, schema);
        Integer cached = ids.get(key);
        if (cached != null) {
            return cached;
        }
        String subject = ConfluentWireFormat.subject(topic, isKey);
        try {
            int id = autoRegister ? client.register(subject, schema) : client.idOf(subject, schema);
            ids.putIfAbsent(key, id);
            return id;
        } catch (RegistryException e) {
            throw new SerializationException("Could not " + (autoRegister ? "register" : "look up")
                    + " schema " + schema.getFullName() + " under subject '" + subject + "': " + e.getMessage(), e);
        }
    }

    private record TopicSchema(String topic, Schema schema) {
    }
}
