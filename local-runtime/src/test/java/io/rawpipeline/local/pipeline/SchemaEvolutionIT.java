package io.rawpipeline.local.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rawpipeline.raw.CloudFrontLogEntry;
import io.rawpipeline.registry.CompatibilityLevel;
import io.rawpipeline.registry.RegistryConfig;
import io.rawpipeline.registry.RegistryException;
import io.rawpipeline.registry.SchemaRegistryClient;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * A schema evolving while the pipeline runs: the CloudFront record gains a field (as a new parse app would write
 * it), the registry takes the compatible version and refuses an incompatible one, and the warehouse lands old and
 * new rows in one table that gains the column.
 */
class SchemaEvolutionIT extends LocalPipelineTest {

    private static final String TABLE = "diagnostics.log_entries";
    private static final String SUBJECT = TABLE + "-value";
    private static final String EVOLVED_FILE = "s3://mattermost-cloudfront-logs/security-update-check/E1EVOLVED.gz";
    private static final int NEW_ROWS = 20;

    @Test
    void aFieldAddedWithADefaultLandsBesideTheOldRowsAndAnIncompatibleChangeIsRefused() throws Exception {
        SampleLoad before = SampleLoad.of("before", 1, 50, 2);
        before.send(pipeline);
        before.awaitLanded(pipeline, Duration.ofMinutes(2), line -> { });
        long oldRows = before.expectedRows().get(TABLE);

        SchemaRegistryClient registry = new SchemaRegistryClient(new RegistryConfig(Map.of(
                RegistryConfig.SCHEMA_REGISTRY_URL_CONFIG, pipeline.registryUrl())));
        registry.setCompatibility(SUBJECT, CompatibilityLevel.BACKWARD_TRANSITIVE);
        Schema evolved = withField(CloudFrontLogEntry.getClassSchema(), new Schema.Field("edge_city",
                Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING)),
                "City of the edge location (new).", JsonProperties.NULL_VALUE));
        Schema incompatible = withField(CloudFrontLogEntry.getClassSchema(), new Schema.Field("edge_region",
                Schema.create(Schema.Type.STRING), "A new field without a default: old records cannot be read."));
        assertThatThrownBy(() -> registry.register(SUBJECT, incompatible)).as("refused by the registry")
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.status()).isEqualTo(409));
        int id = registry.register(SUBJECT, evolved);

        Map<TopicPartition, Long> start = Landing.endOffsets(pipeline.bootstrapServers(), List.of(TABLE));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                pipeline.bootstrapServers(), "acks", "all"), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int line = 1; line <= NEW_ROWS; line++) {
                producer.send(new ProducerRecord<>(TABLE, EVOLVED_FILE.getBytes(StandardCharsets.UTF_8),
                        confluentWire(id, evolved, row(evolved, line))));
            }
        }
        Landing.await(pipeline.bootstrapServers(), Map.of(TABLE, (long) NEW_ROWS), start, List.of(TABLE),
                LocalPipeline.SINK_GROUP, Duration.ofMinutes(2), line -> { });

        pipeline.stopConnectWorker();
        try (Warehouse warehouse = Warehouse.open(pipeline.warehouseFile())) {
            assertThat(warehouse.rowCounts()).containsEntry("DIAGNOSTICS.LOG_ENTRIES", oldRows + NEW_ROWS);
            assertThat(warehouse.value("SELECT count(*) FROM DIAGNOSTICS.LOG_ENTRIES WHERE EDGE_CITY = 'Ashburn'"))
                    .as("the new column, filled in the new rows").isEqualTo((long) NEW_ROWS);
            assertThat(warehouse.value("SELECT count(*) FROM DIAGNOSTICS.LOG_ENTRIES WHERE EDGE_CITY IS NULL"))
                    .as("and null in the old ones").isEqualTo(oldRows);
            assertThat(warehouse.value("SELECT bytessent FROM DIAGNOSTICS.LOG_ENTRIES WHERE SOURCE_FILE = '"
                    + EVOLVED_FILE + "' AND SOURCE_LINE = 7")).isEqualTo(1007L);
        } finally {
            pipeline.startConnectWorker();
        }
    }

    static Schema withField(Schema schema, Schema.Field added) {
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field field : schema.getFields()) {
            fields.add(new Schema.Field(field, field.schema()));
        }
        fields.add(added);
        Schema copy = Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
        schema.getObjectProps().forEach(copy::addProp);
        return copy;
    }

    private static GenericRecord row(Schema schema, int line) {
        GenericData.Record row = new GenericData.Record(schema);
        row.put("logdate", "2024-06-01");
        row.put("logtime", "10:00:00");
        row.put("uri", "/robots.txt");
        row.put("bytessent", 1000L + line);
        row.put("edge_city", "Ashburn");
        row.put("source_file", EVOLVED_FILE);
        row.put("source_line", (long) line);
        row.put("ingested_at", System.currentTimeMillis());
        return row;
    }

    /** Magic byte 0, the schema id (big-endian), the Avro binary: what a Confluent-API serializer writes. */
    static byte[] confluentWire(int id, Schema schema, GenericRecord row) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(ByteBuffer.allocate(4).putInt(id).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(row, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
