package io.rawpipeline.cli.deadletters;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rawpipeline.cli.CommandRun;
import io.rawpipeline.local.pipeline.Landing;
import io.rawpipeline.local.pipeline.LocalPipeline;
import io.rawpipeline.local.pipeline.LocalPipelineTest;
import io.rawpipeline.local.pipeline.SampleLoad;
import io.rawpipeline.local.pipeline.Warehouse;
import io.rawpipeline.local.samples.SampleObjects;
import io.rawpipeline.raw.CloudFrontLogEntry;
import io.rawpipeline.registry.RegistryConfig;
import io.rawpipeline.registry.serde.AvroSerializer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code pipeline dead-letters} on the real pipeline ({@link LocalPipeline}), found from its data folder: the sample
 * objects' bad lines are counted and shown with object, line and reason; a re-drive sends each record once, run
 * twice or after a crash halfway; a line the parser still rejects comes back as a dead letter; a good record a sink
 * dead-lettered lands once.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeadLettersIT extends LocalPipelineTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    private static final String PARSE = "dead-letters.parse";
    private static SampleLoad load;

    @Test
    @Order(1)
    void listCountsTheBadLinesByReasonAndObjectAndShowGivesEachLineItsObjectAndNumber() throws Exception {
        load = SampleLoad.of("dead", 1, 30, 5);
        load.send(pipeline);
        load.awaitLanded(pipeline, TIMEOUT, line -> { });
        Landing.await(pipeline.bootstrapServers(), Map.of(PARSE, load.expectedDeadLetters()), Map.of(), List.of(),
                LocalPipeline.SINK_GROUP, TIMEOUT, line -> { });

        CommandRun list = run("list", "--topic", PARSE, "--json");
        assertThat(list.exitCode()).as(list.err()).isZero();
        JsonNode groups = JSON.readTree(list.out());
        long counted = 0;
        for (JsonNode group : groups) {
            counted += group.get("count").asLong();
            assertThat(group.get("reason").asText()).isNotBlank();
        }
        assertThat(counted).isEqualTo(load.expectedDeadLetters());
        for (SampleObjects.Sample sample : load.objects()) {
            assertThat(groups.findValuesAsText("object")).as("a group for each object with a bad line")
                    .contains("s3://" + sample.bucket() + "/" + sample.key());
        }
        assertThat(run("list").out()).contains(PARSE).contains("COUNT");

        SampleObjects.Sample licenses = licenses();
        CommandRun show = run("show", "--object", licenses.key(), "--json");
        assertThat(show.exitCode()).as(show.err()).isZero();
        JsonNode letter = JSON.readTree(show.outLines()[0]);
        assertThat(show.outLines()).hasSize(1);
        assertThat(letter.get("topic").asText()).isEqualTo(PARSE);
        assertThat(letter.get("line").asLong()).as("header row, 30 rows, then the bad one").isEqualTo(32);
        assertThat(letter.get("input").asText()).startsWith("lic-dead-0-bad,cust-0,Bad Co,");
        assertThat(letter.get("reason").asText()).contains("issuedat");
        assertThat(letter.get("redrive_to").asText()).isEqualTo(pipeline.rawTopics().get("licenses"));
    }

    @Test
    @Order(2)
    void aLineTheParserStillRejectsIsReDrivenOnceAndComesBackWithItsReason() throws Exception {
        String object = licenses().key();
        CommandRun dryRun = run("redrive", "--object", object);
        assertThat(dryRun.out()).contains("Would re-drive 1 of 1");
        assertThat(Landing.count(pipeline.bootstrapServers(), List.of(PARSE)).get(PARSE))
                .as("a dry run sends nothing").isEqualTo(load.expectedDeadLetters());
        Instant before = Instant.now();

        assertThat(run("redrive", "--object", object, "--execute").out()).contains("Re-drove 1 of 1");
        Landing.await(pipeline.bootstrapServers(), Map.of(PARSE, load.expectedDeadLetters() + 1), Map.of(),
                List.of(), LocalPipeline.SINK_GROUP, TIMEOUT, line -> { });
        JsonNode again = JSON.readTree(run("show", "--object", object, "--since", before.toString(), "--json")
                .outLines()[0]);
        JsonNode first = JSON.readTree(run("show", "--object", object, "--until", before.toString(), "--json")
                .outLines()[0]);
        assertThat(again.get("reason")).isEqualTo(first.get("reason"));
        assertThat(again.get("line")).isEqualTo(first.get("line"));

        assertThat(run("redrive", "--object", object, "--until", before.toString(), "--execute").out())
                .as("the same re-drive again").contains("Re-drove 0 of 1 selected dead letters (1 re-driven before");
    }

    @Test
    @Order(3)
    void aGoodRecordASinkDeadLetteredLandsOnceAfterACrashedAndARepeatedReDrive() throws Exception {
        // What Connect wrote for a good record while the registry was down, before the converter waited for it
        String topic = SampleObjects.RELEASES;
        String file = "s3://mattermost-cloudfront-logs/releases/outage.log";
        CloudFrontLogEntry entry = CloudFrontLogEntry.newBuilder().setLogdate("2026-12-05").setBytessent(4242L)
                .setSourceFile(file).setSourceLine(3L).setIngestedAt(Instant.now()).build();
        byte[] value;
        try (AvroSerializer<CloudFrontLogEntry> serializer = new AvroSerializer<>()) {
            serializer.configure(Map.of(RegistryConfig.SCHEMA_REGISTRY_URL_CONFIG, pipeline.registryUrl()), false);
            value = serializer.serialize(topic, entry);
        }
        RecordHeaders headers = new RecordHeaders();
        headers.add("rawpipeline.source-file", file.getBytes(StandardCharsets.UTF_8));
        headers.add("__connect.errors.topic", topic.getBytes(StandardCharsets.UTF_8));
        headers.add("__connect.errors.stage", "VALUE_CONVERTER".getBytes(StandardCharsets.UTF_8));
        headers.add("__connect.errors.exception.class.name",
                "org.apache.kafka.connect.errors.DataException".getBytes(StandardCharsets.UTF_8));
        headers.add("__connect.errors.exception.message", ("Failed to deserialize data for topic " + topic
                + " to Avro: Error retrieving Avro value schema for id 3").getBytes(StandardCharsets.UTF_8));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                pipeline.bootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(LocalPipeline.SINK_DEAD_LETTER_TOPIC, null,
                    file.getBytes(StandardCharsets.UTF_8), value, headers)).get();
        }
        Map<TopicPartition, Long> from = Landing.endOffsets(pipeline.bootstrapServers(), List.of(topic));
        long records = Landing.count(pipeline.bootstrapServers(), List.of(topic)).get(topic);

        // a re-drive that dies inside its transaction: the record and its ledger entry are sent, never committed
        KafkaProducer<byte[], byte[]> crashed = new KafkaProducer<>(Map.of("bootstrap.servers",
                pipeline.bootstrapServers(), "transactional.id", Redrive.TRANSACTIONAL_ID),
                new ByteArraySerializer(), new ByteArraySerializer());
        crashed.initTransactions();
        crashed.beginTransaction();
        crashed.send(new ProducerRecord<>(topic, file.getBytes(StandardCharsets.UTF_8), value)).get();
        crashed.flush();

        CommandRun redrive = run("redrive", "--topic", LocalPipeline.SINK_DEAD_LETTER_TOPIC, "--execute");
        assertThat(redrive.out()).as(redrive.err()).contains("Re-drove 1 of 1")
                .contains(LocalPipeline.SINK_DEAD_LETTER_TOPIC + " -> " + topic);
        crashed.close(Duration.ZERO);
        assertThat(run("redrive", "--topic", LocalPipeline.SINK_DEAD_LETTER_TOPIC, "--execute").out())
                .contains("Re-drove 0 of 1");
        Landing.await(pipeline.bootstrapServers(), Map.of(topic, 1L), from, List.of(topic),
                LocalPipeline.SINK_GROUP, TIMEOUT, line -> { });

        pipeline.stopConnectWorker();
        try (Warehouse warehouse = Warehouse.open(pipeline.warehouseFile())) {
            assertThat(warehouse.value("SELECT count(*) FROM RELEASES.LOG_ENTRIES WHERE SOURCE_FILE = '" + file
                    + "' AND BYTESSENT = 4242")).as("landed once").isEqualTo(1L);
        } finally {
            pipeline.startConnectWorker();
        }
        assertThat(Landing.count(pipeline.bootstrapServers(), List.of(topic)).get(topic))
                .as("the crashed re-drive's record was never committed").isEqualTo(records + 1);
    }

    private static SampleObjects.Sample licenses() {
        return load.objects().stream().filter(s -> s.table().equals(SampleObjects.LICENSES)).findFirst()
                .orElseThrow();
    }

    private static CommandRun run(String subcommand, String... arguments) {
        String[] args = new String[arguments.length + 4];
        args[0] = "dead-letters";
        args[1] = subcommand;
        args[2] = "--data-dir";
        args[3] = dataDir.toString();
        System.arraycopy(arguments, 0, args, 4, arguments.length);
        return CommandRun.of(args);
    }
}
