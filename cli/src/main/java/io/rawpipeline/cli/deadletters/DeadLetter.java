package io.rawpipeline.cli.deadletters;

import java.time.Instant;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * One record of a dead-letter topic, whichever stage wrote it, as a person reads it: where it sits, when, why,
 * which object and line it came from, the input itself, and where a re-drive would send it.
 *
 * @param input   the rejected line or record as text (Avro records as JSON)
 * @param redrive the input as it goes back to the stage that failed (the raw line to its raw topic, a record to
 *                the topic its sink reads), or null when it cannot be re-driven from Kafka
 */
public record DeadLetter(String topic, int partition, long offset, Instant time, String stage, String reason,
        String object, Long line, String input, ProducerRecord<byte[], byte[]> redrive) {

    String redriveTo() {
        return redrive == null ? null : redrive.topic();
    }

    /** The ledger key of a re-drive: this record's place, which never changes. */
    String id() {
        return topic + "/" + partition + "/" + offset;
    }

    String where() {
        return object == null ? "-" : line == null ? object : object + ":" + line;
    }
}
