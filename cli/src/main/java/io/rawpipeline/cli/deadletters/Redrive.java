package io.rawpipeline.cli.deadletters;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends dead letters back to the stage that failed them, exactly once: each is written to its target topic in the
 * same Kafka transaction as its id in a compacted ledger ({@value #LEDGER_TOPIC}), and an id already in the ledger
 * is never sent again. Running the same re-drive twice, or again after a crash halfway, sends each record once; a
 * crash inside a transaction leaves neither the record nor its ledger entry. What the stage still rejects comes back
 * as a new dead letter with its new reason.
 */
final class Redrive {

    static final String LEDGER_TOPIC = "dead-letters.redriven";
    /** One re-drive at a time: a second one started meanwhile fences the first, whose transaction aborts. */
    static final String TRANSACTIONAL_ID = "rawpipeline-redrive";
    private static final int PER_TRANSACTION = 500;

    private final Map<String, Object> clientSettings;

    Redrive(Map<String, Object> clientSettings) {
        this.clientSettings = clientSettings;
    }

    /** The ids ({@link DeadLetter#id()}) re-driven so far. */
    Set<String> ledger() throws Exception {
        createLedger();
        Map<String, Object> settings = new HashMap<>(clientSettings);
        settings.put("isolation.level", "read_committed");
        settings.put("enable.auto.commit", "false");
        Set<String> done = new HashSet<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(settings, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(LEDGER_TOPIC).stream()
                    .map(p -> new TopicPartition(LEDGER_TOPIC, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    done.add(new String(record.key(), StandardCharsets.UTF_8));
                }
            }
        }
        return done;
    }

    /**
     * Sends those of {@code selected} that are re-drivable and not in the ledger, each with its ledger entry.
     * The ledger is read after the producer has fenced any earlier re-drive, so what that one committed counts.
     *
     * @return the letters sent
     */
    List<DeadLetter> send(List<DeadLetter> selected) throws Exception {
        Map<String, Object> settings = new HashMap<>(clientSettings);
        settings.put("transactional.id", TRANSACTIONAL_ID);
        settings.put("enable.idempotence", true);
        settings.put("acks", "all");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(settings, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.initTransactions();
            List<DeadLetter> letters = toSend(selected, ledger());
            for (int from = 0; from < letters.size(); from += PER_TRANSACTION) {
                producer.beginTransaction();
                for (DeadLetter letter : letters.subList(from, Math.min(letters.size(), from + PER_TRANSACTION))) {
                    producer.send(letter.redrive());
                    producer.send(new ProducerRecord<>(LEDGER_TOPIC, letter.id().getBytes(StandardCharsets.UTF_8),
                            letter.redriveTo().getBytes(StandardCharsets.UTF_8)));
                }
                producer.commitTransaction();
            }
            return letters;
        }
    }

    private void createLedger() throws InterruptedException, ExecutionException {
        try (Admin admin = Admin.create(clientSettings)) {
            admin.createTopics(List.of(new NewTopic(LEDGER_TOPIC, Optional.of(1), Optional.empty()).configs(Map.of(
                    TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    /** The letters of {@code selected} a re-drive would send: re-drivable and not sent before. */
    static List<DeadLetter> toSend(List<DeadLetter> selected, Set<String> ledger) {
        List<DeadLetter> send = new ArrayList<>();
        for (DeadLetter letter : selected) {
            if (letter.redrive() != null && !ledger.contains(letter.id())) {
                send.add(letter);
            }
        }
        return send;
    }
}
