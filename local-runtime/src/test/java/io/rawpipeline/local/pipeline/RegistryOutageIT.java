package io.rawpipeline.local.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.rawpipeline.local.samples.SampleObjects;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The schema registry down (its process gone, every connection refused) while the warehouse sink's tasks start on a
 * backlog, with the converter's cache cold, as after a restart or a rebalance: the records wait, and land once the
 * registry is back; not one becomes a dead letter. Through the real converter from the Snowflake plugin's directory,
 * as the Snowflake sinks read. Records that are truly bad still become dead letters, each with its reason. Beside
 * it, the same sink with Confluent's converter as it comes shows why that is needed: it dead-letters good records.
 * The same wait while the registry answers 500, and a registry that answers slowly only delays the rows.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RegistryOutageIT extends LocalPipelineTest {

    private static final Duration OUTAGE = Duration.ofSeconds(30);
    private static final String PLAIN_CONNECTOR = "plain-converter-sink";
    private static final String PLAIN_DEAD_LETTERS = "dead-letters.plain-converter-sink";
    private static final Duration TIMEOUT = Duration.ofMinutes(4);
    /** The whole trace: the converter's own message is the same for every failure, the cause tells them apart. */
    private static final String REASON = "__connect.errors.exception.stacktrace";

    @Test
    @Order(1)
    void recordsWaitForTheRegistryAndLandOnceItIsBack() throws Exception {
        pipeline.stopSink();
        SampleLoad load = SampleLoad.of("outage", 2, 300, 10);
        load.send(pipeline);
        load.awaitParsed(pipeline, TIMEOUT, System.out::println);
        String topic = SampleObjects.DIAGNOSTICS;
        // two bad records, then a copy of a good one in the same partition: the sink lands past the bad ones
        ConsumerRecord<byte[], byte[]> good = firstRecord(topic);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                "bootstrap.servers", pipeline.bootstrapServers()), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, good.partition(), "corrupt".getBytes(StandardCharsets.UTF_8),
                    "not an Avro record".getBytes(StandardCharsets.UTF_8))).get();
            producer.send(new ProducerRecord<>(topic, good.partition(), "unknown-schema".getBytes(
                    StandardCharsets.UTF_8), ByteBuffer.allocate(7).put((byte) 0).putInt(99_999)
                    .put(new byte[] {2, 4}).array())).get();
            producer.send(new ProducerRecord<>(topic, good.partition(), good.key(), good.value(), good.headers()))
                    .get();
        }

        pipeline.stopRegistry();
        long outageStart = System.nanoTime();
        pipeline.startSink();
        assertThat(goodRecordsDeadLetteredByConfluentsOwnConverter()).as("good records Confluent's AvroConverter "
                + "dead-letters while the registry refuses connections").isPositive();
        Thread.sleep(Math.max(0, OUTAGE.toMillis() - (System.nanoTime() - outageStart) / 1_000_000));

        // a task retries a record until it converts, so what comes after it in its partition waits too
        assertThat(deadLetterReasons()).as("dead letters while the registry is down").isEmpty();
        assertThat(pipeline.connectorState(LocalPipeline.SINK_CONNECTOR)).as("the sink waits, it does not fail")
                .isEqualTo("RUNNING");

        pipeline.restartRegistry();
        load.awaitLanded(pipeline, TIMEOUT, System.out::println);

        assertThat(deadLetterReasons()).as("dead letters once the registry is back: the two bad records, each "
                + "with its reason, and no good one").hasSize(2)
                .anySatisfy(reason -> assertThat(reason).contains("Unknown magic byte"))
                .anySatisfy(reason -> assertThat(reason).contains("99999"));
        pipeline.stopConnectWorker();
        try (Warehouse warehouse = Warehouse.open(pipeline.warehouseFile())) {
            Map<String, Long> rows = warehouse.rowCounts();
            load.expectedRows().forEach((table, expected) -> assertThat(rows.get(table.toUpperCase(Locale.ROOT)))
                    .as("rows of %s", table).isEqualTo(expected));
        } finally {
            pipeline.startConnectWorker();
        }
    }

    @Test
    @Order(2)
    void recordsWaitWhileTheRegistryAnswers500AndLandOnceItAnswers() throws Exception {
        try (RegistryProxy proxy = new RegistryProxy(pipeline.registryUrl())) {
            SampleLoad load = backlog("error-500");
            int deadLettersBefore = deadLetterReasons().size();
            proxy.mode(RegistryProxy.Mode.ERROR_500);
            startSinkReadingThrough(proxy);
            Thread.sleep(15_000);

            assertThat(deadLetterReasons()).as("dead letters while the registry answers 500")
                    .hasSize(deadLettersBefore);
            assertThat(pipeline.connectorState(LocalPipeline.SINK_CONNECTOR)).isEqualTo("RUNNING");

            proxy.mode(RegistryProxy.Mode.PASS);
            load.awaitLanded(pipeline, TIMEOUT, System.out::println);
            assertThat(deadLetterReasons()).as("dead letters once it answers").hasSize(deadLettersBefore);
        } finally {
            pipeline.stopSink();
            pipeline.startSink();
        }
    }

    @Test
    @Order(3)
    void aRegistryAnsweringSlowlyOnlyDelaysTheRecords() throws Exception {
        try (RegistryProxy proxy = new RegistryProxy(pipeline.registryUrl())) {
            SampleLoad load = backlog("slow");
            int deadLettersBefore = deadLetterReasons().size();
            proxy.mode(RegistryProxy.Mode.SLOW);
            startSinkReadingThrough(proxy);

            load.awaitLanded(pipeline, TIMEOUT, System.out::println);
            assertThat(deadLetterReasons()).as("dead letters from a registry answering after %s",
                    RegistryProxy.SLOW_ANSWER).hasSize(deadLettersBefore);
        } finally {
            pipeline.stopSink();
            pipeline.startSink();
        }
    }

    /** Parsed records of a new load, waiting for a sink that is not deployed. */
    private static SampleLoad backlog(String run) throws Exception {
        pipeline.stopSink();
        SampleLoad load = SampleLoad.of(run, 1, 200, 5);
        load.send(pipeline);
        load.awaitParsed(pipeline, TIMEOUT, System.out::println);
        return load;
    }

    /** The pipeline's sink, its tasks new and their caches cold, fetching schemas through the proxy. */
    private static void startSinkReadingThrough(RegistryProxy proxy) throws Exception {
        Map<String, String> config = new HashMap<>(pipeline.sinkConnectorConfig());
        config.put("value.converter.schema.registry.url", proxy.url(pipeline.registryUrl()));
        pipeline.worker().putConnector(LocalPipeline.SINK_CONNECTOR, config);
    }

    /** The pipeline's sink with Confluent's converter as it comes, its own warehouse and dead-letter topic. */
    private static long goodRecordsDeadLetteredByConfluentsOwnConverter() throws Exception {
        Map<String, String> config = new HashMap<>(pipeline.sinkConnectorConfig());
        config.put("value.converter", "io.confluent.connect.avro.AvroConverter");
        config.put("duckdb.path", dataDir.resolve("plain-converter.duckdb").toString());
        config.remove("query.listen"); // the pipeline's sink answers there
        config.put("errors.deadletterqueue.topic.name", PLAIN_DEAD_LETTERS);
        config.put("errors.log.enable", "false"); // its reasons are asserted from the dead letters
        pipeline.worker().putConnector(PLAIN_CONNECTOR, config);
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            List<String> reasons = reasons(PLAIN_DEAD_LETTERS);
            while (reasons.stream().noneMatch(reason -> reason.contains("Connection refused"))
                    && System.nanoTime() < deadline) {
                Thread.sleep(500);
                reasons = reasons(PLAIN_DEAD_LETTERS);
            }
            return reasons.stream().filter(reason -> reason.contains("Connection refused")).count();
        } finally {
            pipeline.worker().deleteConnector(PLAIN_CONNECTOR);
        }
    }

    /** The first record of a topic, read committed. */
    private static ConsumerRecord<byte[], byte[]> firstRecord(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", pipeline.bootstrapServers(), "isolation.level", "read_committed"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (true) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    return record;
                }
            }
        }
    }

    private static List<String> deadLetterReasons() {
        return reasons(LocalPipeline.SINK_DEAD_LETTER_TOPIC);
    }

    /** The reason Connect gave for each record in a dead-letter topic. */
    private static List<String> reasons(String deadLetterTopic) {
        List<String> reasons = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", pipeline.bootstrapServers()), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(deadLetterTopic).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    Header reason = record.headers().lastHeader(REASON);
                    reasons.add(reason == null ? "(no reason)" : new String(reason.value(), StandardCharsets.UTF_8));
                }
            }
        }
        return reasons;
    }
}
