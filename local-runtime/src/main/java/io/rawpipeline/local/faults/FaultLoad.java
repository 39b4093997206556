package io.rawpipeline.local.faults;

import io.rawpipeline.local.ObjectUploads;
import io.rawpipeline.local.pipeline.SampleLoad;
import io.rawpipeline.local.samples.SampleObjects;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Steady load while faults happen: a batch of log objects for every table fed from S3 (each object with one bad
 * line) uploaded with their notifications, and pings sent to the gateway one after another, one in fifty bad. It
 * remembers which pings the gateway acknowledged (200), refused, or left unanswered (it was killed mid-request, or
 * Kafka did not acknowledge the ping in time).
 */
final class FaultLoad implements AutoCloseable {

    static final String PING_PREFIX = "faults-";
    private static final int BAD_PING_EVERY = 50;

    private final ProcessPipeline pipeline;
    private final int linesPerObject;
    private final Duration batchInterval;
    private final Duration pingInterval;
    private final List<SampleObjects.Sample> objects = new ArrayList<>();
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final Set<String> unanswered = ConcurrentHashMap.newKeySet();
    private final Set<String> bad = ConcurrentHashMap.newKeySet();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;
    private volatile Exception failure;
    private int pingsSent;

    FaultLoad(ProcessPipeline pipeline, int linesPerObject, Duration batchInterval, Duration pingInterval) {
        this.pipeline = pipeline;
        this.linesPerObject = linesPerObject;
        this.batchInterval = batchInterval;
        this.pingInterval = pingInterval;
    }

    void start() {
        threads.add(new Thread(this::uploadObjects, "fault-load-objects"));
        threads.add(new Thread(this::sendPings, "fault-load-pings"));
        threads.forEach(Thread::start);
    }

    private void uploadObjects() {
        try (ObjectUploads uploads = pipeline.uploads()) {
            for (int batch = 0; running; batch++) {
                List<SampleObjects.Sample> samples = SampleObjects.objects("faults" + batch, 1, linesPerObject);
                for (SampleObjects.Sample sample : samples) {
                    uploads.put(sample.bucket(), sample.key(), sample.bytes());
                }
                synchronized (objects) {
                    objects.addAll(samples);
                }
                Thread.sleep(batchInterval.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // S3 and SQS run in this JVM and are never faulted: an upload that fails is a broken run
            failure = e;
        }
    }

    private void sendPings() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        while (running) {
            int n = pingsSent++;
            String id = PING_PREFIX + n;
            boolean isBad = n % BAD_PING_EVERY == BAD_PING_EVERY - 1;
            String query = "id=" + id + "&b=9.11." + (n % 5) + "&be=true&db=postgres&os=linux&uc="
                    + (isBad ? "many" : Integer.toString(10 + n % 90)) + "&tc=1&auc=5&ut=0";
            if (isBad) {
                bad.add(id);
            }
            try {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(pipeline.pingUrl() + "?"
                        + query)).header("User-Agent", SampleLoad.USER_AGENT).timeout(Duration.ofSeconds(15))
                        .GET().build(), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200) {
                    acknowledged.add(id);
                } else if (answer.body().contains("may still be delivered")) {
                    // Kafka did not acknowledge it in time; the gateway keeps it: at most once
                    unanswered.add(id);
                }
                // any other answer (503 while the buffer is full) refuses the ping: it must not land
            } catch (IOException e) {
                // refused (the gateway is down) or cut off mid-request: it may have landed or not
                unanswered.add(id);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                Thread.sleep(pingInterval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Stops sending; what was sent stays counted. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread thread : threads) {
            thread.join();
        }
    }

    /** Fails if the load could not be sent (not a fault of the pipeline under test). */
    void check() throws Exception {
        if (failure != null) {
            throw failure;
        }
    }

    List<SampleObjects.Sample> objects() {
        synchronized (objects) {
            return List.copyOf(objects);
        }
    }

    /** Lines of objects per parsed topic, pings logged by CloudFront included, not those sent to the gateway. */
    Map<String, Long> objectRows() {
        Map<String, Long> rows = new HashMap<>();
        for (SampleObjects.Sample sample : objects()) {
            rows.merge(sample.table(), (long) sample.rows(), Long::sum);
            rows.merge(SampleObjects.SECURITY_PINGS, (long) sample.pings(), Long::sum);
        }
        return rows;
    }

    long badObjectLines() {
        return objects().stream().mapToLong(SampleObjects.Sample::badLines).sum();
    }

    Set<String> acknowledged() {
        return Set.copyOf(acknowledged);
    }

    Set<String> unanswered() {
        return Set.copyOf(unanswered);
    }

    boolean isBad(String ping) {
        return bad.contains(ping);
    }
}
