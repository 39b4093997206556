package io.rawpipeline.local.pipeline;

import io.rawpipeline.local.ObjectUploads;
import io.rawpipeline.local.samples.SampleObjects;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Sample objects uploaded with their notifications and pings sent to the gateway, as servers send them, remembering
 * when each object was announced, so a run can tell what must land and how fresh it landed.
 */
public final class SampleLoad {

    public static final String USER_AGENT = "Mattermost-Server/9.11.1 (rawpipeline sample)";

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
        HttpClient http = HttpClient.newHttpClient();
        for (String ping : pings) {
            HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(
                    URI.create(pipeline.pingUrl() + "?" + ping)).header("User-Agent", USER_AGENT).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            if (answer.statusCode() != 200) {
                throw new IOException("The gateway answered " + answer.statusCode() + " to the ping " + ping);
            }
        }
    }

    /** Rows per parsed topic. */
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

    /** Waits until the parse app has written every row and dead letter of this load, whether or not a sink runs. */
    public void awaitParsed(LocalPipeline pipeline, Duration timeout, Consumer<String> progress) throws Exception {
        Landing.await(pipeline.bootstrapServers(), expected(pipeline), start, List.of(), LocalPipeline.SINK_GROUP,
                timeout, progress);
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
