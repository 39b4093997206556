package io.rawpipeline.registry.serde;

import io.rawpipeline.registry.RegistryConfig;
import io.rawpipeline.registry.RegistryException;
import io.rawpipeline.registry.SchemaRegistryClient;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent-wire-format Avro into a specific record class, resolving the writer schema (fetched by id) to the
 * class's schema, so records written with older or newer compatible schemas decode.
 */
public class AvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

    private final Map<Integer, DatumReader<T>> readers = new ConcurrentHashMap<>();
    private final ThreadLocal<BinaryDecoder> decoders = new ThreadLocal<>();
    private Class<T> type;
    private SpecificData model;
    private Schema readerSchema;
    private SchemaRegistryClient client;

    /** For Kafka: the class comes from {@code specific.avro.value.type} (or {@code .key.type}). */
    public AvroDeserializer() {
    }

    public AvroDeserializer(Class<T> type) {
        setType(type);
    }

    AvroDeserializer(Class<T> type, SchemaRegistryClient client) {
        this(type);
        this.client = client;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        RegistryConfig config = new RegistryConfig(configs);
        client = new SchemaRegistryClient(config);
        if (type == null) {
            String key = isKey ? RegistryConfig.SPECIFIC_AVRO_KEY_TYPE_CONFIG
                    : RegistryConfig.SPECIFIC_AVRO_VALUE_TYPE_CONFIG;
            Class<?> configured = config.getClass(key);
            if (configured == null || !SpecificRecord.class.isAssignableFrom(configured)) {
                throw new ConfigException(key, configured, "set it to the SpecificRecord class to decode into");
            }
            @SuppressWarnings("unchecked")
            Class<T> recordType = (Class<T>) configured;
            setType(recordType);
        }
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (client == null) {
            throw new IllegalStateException("AvroDeserializer used before configure()");
        }
        int id = ConfluentWireFormat.schemaId(topic, data);
        DatumReader<T> reader = reader(topic, id);
        try {
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(data, ConfluentWireFormat.HEADER_SIZE,
                    data.length - ConfluentWireFormat.HEADER_SIZE, decoders.get());
            decoders.set(decoder);
            return reader.read(null, decoder);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Could not decode record from topic '" + topic + "' written with"
                    + " schema id " + id + " as " + type.getName() + ": " + e, e);
        }
    }

    @Override
    public void close() {
        decoders.remove();
    }

    private DatumReader<T> reader(String topic, int id) {
        DatumReader<T> reader = readers.get(id);
        if (reader != null) {
            return reader;
        }
        Schema writerSchema;
        try {
            writerSchema = client.schemaById(id);
        } catch (IllegalStateException unparsable) {
            throw new SerializationException("Could not use schema id " + id + " of a record from topic '" + topic
                    + "': " + unparsable.getMessage(), unparsable);
        } catch (RegistryException e) {
            throw new SerializationException((e.isNotFound() ? "Unknown schema id " : "Could not fetch schema id ")
                    + id + " of a record from topic '" + topic + "': " + e.getMessage(), e);
        }
        reader = new SpecificDatumReader<>(writerSchema, readerSchema, model);
        DatumReader<T> raced = readers.putIfAbsent(id, reader);
        return raced == null ? reader : raced;
    }

    private void setType(Class<T> type) {
        this.type = type;
        this.model = new RecordPackageData(type);
        this.readerSchema = model.getSchema(type);
    }

    /**
     * Avro 1.12 refuses to load record classes by schema name unless a JVM-wide system property trusts them. The
     * application named the record class, so its package (generated nested types live there too) is trusted here,
     * for this deserializer only; other names still go through Avro's check.
     */
    static final class RecordPackageData extends SpecificData {

        private final String trustedPrefix;
        private final Map<String, Class<?>> classes = new ConcurrentHashMap<>();

        RecordPackageData(Class<?> type) {
            super(type.getClassLoader());
            this.trustedPrefix = type.getPackageName() + ".";
            // the generated class's own model holds its logical type conversions (timestamp-millis and so on)
            SpecificData.getForClass(type).getConversions().forEach(this::addLogicalTypeConversion);
        }

        @Override
        @SuppressWarnings("rawtypes")
        public Class getClass(Schema schema) {
            String className = switch (schema.getType()) {
                case RECORD, ENUM, FIXED -> getClassName(schema);
                default -> null;
            };
            if (className == null || !className.startsWith(trustedPrefix)) {
                return super.getClass(schema);
            }
            Class<?> found = classes.computeIfAbsent(className, this::load);
            return found == Void.class ? super.getClass(schema) : found;
        }

        private Class<?> load(String className) {
            try {
                return Class.forName(className, false, getClassLoader());
            } catch (ClassNotFoundException e) {
                return Void.class;
            }
        }
    }
}
