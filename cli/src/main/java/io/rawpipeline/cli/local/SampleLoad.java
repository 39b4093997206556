package io.rawpipeline.cli.local;

import io.rawpipeline.local.ObjectUploads;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sample objects uploaded with their notifications and pings sent to the raw telemetry topic (as the gateway will),
 * remembering when each was sent, so a run can tell what must land and how fresh it landed.
 */
public final class SampleLoad {

    private final List<SampleObjects.Sample> objects;
    private final List<String> pings;
    private final Map<String, Instant> notifiedAt = new ConcurrentHashMap<>();
    private Map<TopicPartition, Long> start = Map.of();

    private SampleLoad(List<SampleObjects.Sample> objects, List<String> pings) {
        this.objects = objects;
        this.pings = pings;
    }

    public static SampleLoad of(String run, int objectsPerTable, int rowsPerObject, int pings) {
        return new SampleLoad(SampleObjects.objects(run, objectsPerTable, rowsPerObject),
                SampleObjects.pings(run, pings));
    }

    /** Uploads every object (each followed by its notification) and sends every ping. */
    public void send(LocalPipeline pipeline) throws Exception {
        start = Landing.endOffsets(pipeline.bootstrapServers(), expected(pipeline).keySet());
        try (ObjectUploads uploads = pipeline.uploads()) {
            for (SampleObjects.Sample sample : objects) {
                ObjectUploads.Upload upload = uploads.put(sample.bucket(), sample.key(), sample.bytes());
                notifiedAt.put("s3://" + upload.bucket() + "/" + upload.key(), upload.notifiedAt());
            }
        }
        String topic = pipeline.rawTopics().get("telemetry");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                "bootstrap.servers", pipeline.bootstrapServers(), "acks", "all", "enable.idempotence", "true"),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (String ping : pings) {
                producer.send(new ProducerRecord<>(topic, ping.getBytes(StandardCharsets.UTF_8)));
            }
        }
    }

    /** Good lines per parsed topic. */
    public Map<String, Long> expectedRows() {
        return SampleObjects.expectedRows(objects, pings);
    }

    public long expectedDeadLetters() {
        return SampleObjects.expectedDeadLetters(objects, pings);
    }

    /** Waits until every row of this load is in the warehouse and every bad line in the parse app's dead letters. */
    public Map<String, Long> awaitLanded(LocalPipeline pipeline, Duration timeout, Consumer<String> progress)
            throws Exception {
        return Landing.await(pipeline.bootstrapServers(), expected(pipeline), start, pipeline.parsedTopics(),
                LocalPipeline.SINK_GROUP, timeout, progress);
    }

    /** Records this load adds to each parsed topic and to the parse app's dead-letter topic. */
    private Map<String, Long> expected(LocalPipeline pipeline) {
        Map<String, Long> expected = new HashMap<>(expectedRows());
        expected.put(pipeline.parseDeadLetterTopic(), expectedDeadLetters());
        return expected;
    }

    /** When each object's notification was sent, by its {@code source_file}. */
    public Map<String, Instant> notifiedAt() {
        return notifiedAt;
    }

    public List<SampleObjects.Sample> objects() {
        return objects;
    }

    public List<String> pings() {
        return pings;
    }
}
