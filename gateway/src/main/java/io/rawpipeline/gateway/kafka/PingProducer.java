package io.rawpipeline.gateway.kafka;

import io.rawpipeline.formats.RawLineHeaders;
import io.rawpipeline.gateway.config.GatewayConfig;
import io.rawpipeline.gateway.metrics.GatewayMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.producer.BufferExhaustedException;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka side: hands pings to an idempotent {@code acks=all} producer without ever blocking the caller, keeps
 * count of what waits in it, and checks that Kafka answers.
 *
 * <p>{@code max.block.ms=0}: {@link #send} returns at once; when the producer cannot take a record without waiting
 * (its buffer is full, or the topic's metadata is unknown) the ping is refused, never queued elsewhere. The topic's
 * metadata is fetched by the health check from the start and kept (each check and each send refresh it, and
 * {@code metadata.recovery.strategy=none} keeps the producer from dropping it when no broker answers), so a running
 * gateway takes pings from its cache even while Kafka is away. A taken record is never given up by the producer:
 * {@code delivery.timeout.ms} and {@code retries} are unbounded and idempotence keeps the retries from writing twice.
 * Only a fatal producer error or the shutdown timeout loses an accepted ping, and both are counted and logged.
 */
public final class PingProducer implements AutoCloseable {

    /** What became of a ping handed over. */
    public enum Outcome { ACCEPTED, BUFFER_FULL, UNAVAILABLE, CLOSED }

    private static final Logger log = LoggerFactory.getLogger(PingProducer.class);
    private static final long LOG_EVERY_MS = 10_000;
    private static final long RECHECK_MS = 200;

    private final Producer<byte[], byte[]> producer;
    private final Admin admin;
    private final String topic;
    private final long maxRecords;
    private final long checkIntervalMs;
    private final GatewayMetrics metrics;
    private final ScheduledExecutorService health;
    private final AtomicLong waiting = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();
    private final Metric bufferTotal;
    private final Metric bufferAvailable;
    private volatile String notReady = "Kafka not checked yet";
    private volatile boolean closed;
    private volatile String producerFailure;
    private volatile long lastErrorLoggedMs;

    public PingProducer(GatewayConfig config, GatewayMetrics metrics) {
        this(new KafkaProducer<>(config.producerProps()), Admin.create(adminProps(config)), config, metrics);
    }

    PingProducer(Producer<byte[], byte[]> producer, Admin admin, GatewayConfig config, GatewayMetrics metrics) {
        this.producer = producer;
        this.admin = admin;
        this.topic = config.getString(GatewayConfig.TOPIC_CONFIG);
        this.maxRecords = config.getInt(GatewayConfig.BUFFER_MAX_RECORDS_CONFIG);
        this.checkIntervalMs = config.getLong(GatewayConfig.HEALTH_INTERVAL_MS_CONFIG);
        this.metrics = metrics;
        this.bufferTotal = producerMetric("buffer-total-bytes");
        this.bufferAvailable = producerMetric("buffer-available-bytes");
        metrics.watch(waiting::get, this::bufferBytesInUse, this::ready);
        this.health = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "gateway-kafka-health");
            thread.setDaemon(true);
            return thread;
        });
        health.execute(this::check);
    }

    /**
     * Hands a ping to the producer without waiting: {@link Outcome#ACCEPTED} once the producer holds it, else why
     * not (then {@code acknowledged} is never called). An accepted ping is then delivered or, on a fatal producer
     * error, lost: {@code acknowledged} is called with which, from the producer's thread. Header values are the
     * bytes as received.
     */
    public Outcome send(byte[] query, long receivedAtMs, byte[] clientIp, byte[] userAgent,
                        Consumer<Boolean> acknowledged) {
        if (closed) {
            return Outcome.CLOSED;
        }
        if (waiting.incrementAndGet() > maxRecords) {
            waiting.decrementAndGet();
            return Outcome.BUFFER_FULL;
        }
        RecordHeaders headers = new RecordHeaders();
        headers.add(RawLineHeaders.INGESTED_AT, Long.toString(receivedAtMs).getBytes(StandardCharsets.UTF_8));
        headers.add(RawLineHeaders.CLIENT_IP, clientIp);
        if (userAgent != null) {
            headers.add(RawLineHeaders.USER_AGENT, userAgent);
        }
        Delivery delivery = new Delivery();
        Future<RecordMetadata> sent;
        try {
            sent = producer.send(new ProducerRecord<>(topic, null, receivedAtMs, null, query, headers), delivery);
        } catch (KafkaException | IllegalStateException e) {
            // thrown rather than returned: the producer is closed or failed for good; no callback will come
            waiting.decrementAndGet();
            if (!closed) {
                producerFailure = "the producer failed for good (restart the gateway): " + e;
            }
            logLimited("The producer refused a ping: " + e);
            return closed ? Outcome.CLOSED : Outcome.UNAVAILABLE;
        }
        if (sent.isDone()) {
            try {
                sent.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof BufferExhaustedException) {
                    return Outcome.BUFFER_FULL;
                }
                logLimited("The producer refused a ping: " + e.getCause());
                return Outcome.UNAVAILABLE;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Outcome.UNAVAILABLE;
            }
        }
        delivery.outcome.thenAccept(acknowledged);
        return Outcome.ACCEPTED;
    }

    /** {@code null} when Kafka answered the last check and the topic's metadata is known, else why not. */
    public String notReadyReason() {
        return notReady;
    }

    public boolean ready() {
        return notReady == null;
    }

    /** Pings accepted and not yet acknowledged or lost. */
    public long waiting() {
        return waiting.get();
    }

    private long bufferBytesInUse() {
        if (bufferTotal == null || bufferAvailable == null) {
            return 0;
        }
        return (long) (((Number) bufferTotal.metricValue()).doubleValue()
                - ((Number) bufferAvailable.metricValue()).doubleValue());
    }

    /**
     * The health check: the topic's metadata in the producer (fetched in the background when missing, as
     * {@code max.block.ms=0} does not wait for it; asking also keeps it from expiring), and Kafka's answer to a
     * describe of the topic. Runs again after the interval, or soon while not ready.
     */
    private void check() {
        String reason = probe();
        if (reason == null && notReady != null) {
            log.info("Ready: Kafka answers and topic {} exists", topic);
        } else if (reason != null && !reason.equals(notReady)) {
            log.warn("Not ready: {}", reason);
        }
        notReady = reason;
        try {
            health.schedule(this::check, reason == null ? checkIntervalMs : Math.min(checkIntervalMs, RECHECK_MS),
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    /** {@code null} if Kafka is reachable and the producer knows the topic, else why not. */
    private String probe() {
        if (producerFailure != null) {
            return producerFailure;
        }
        try {
            producer.partitionsFor(topic);
            admin.describeTopics(List.of(topic), new DescribeTopicsOptions().timeoutMs((int) checkIntervalMs))
                    .allTopicNames().get();
            return null;
        } catch (TimeoutException e) {
            return "the producer has no metadata for topic " + topic + " yet";
        } catch (ExecutionException e) {
            return "Kafka did not describe topic " + topic + ": " + e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "closing";
        } catch (RuntimeException e) {
            return "the health check failed: " + e;
        }
    }

    /** Delivers what the producer holds within the timeout, then closes; logs what was delivered and what not. */
    public void close(Duration timeout) {
        closed = true;
        health.shutdownNow();
        admin.close(Duration.ofSeconds(1));
        long pending = waiting.get();
        long deliveredBefore = delivered.get();
        long lostBefore = lost.get();
        long start = System.nanoTime();
        log.info("Flushing {} pings to Kafka (at most {} ms)", pending, timeout.toMillis());
        producer.close(timeout);
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        long notDelivered = lost.get() - lostBefore + waiting.get();
        if (notDelivered == 0) {
            log.info("Flushed: {} pings delivered in {} ms; every accepted ping was delivered ({} in all)",
                    delivered.get() - deliveredBefore, tookMs, delivered.get());
        } else {
            log.error("Flushed {} pings in {} ms; {} accepted pings were NOT delivered", delivered.get()
                    - deliveredBefore, tookMs, notDelivered);
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }

    /** Logs an error at most every ten seconds: a failing producer fails every ping. */
    private void logLimited(String message) {
        long now = System.currentTimeMillis();
        if (now - lastErrorLoggedMs >= LOG_EVERY_MS) {
            lastErrorLoggedMs = now;
            log.error(message);
        }
    }

    private Metric producerMetric(String name) {
        return producer.metrics().entrySet().stream()
                .filter(entry -> entry.getKey().name().equals(name) && entry.getKey().group().equals("producer-metrics"))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    private static Map<String, Object> adminProps(GatewayConfig config) {
        Map<String, Object> props = new HashMap<>();
        config.producerProps().forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
                props.put(key, value);
            }
        });
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "rawpipeline-gateway-health");
        return props;
    }

    /**
     * One ping's callback. The producer calls it on the caller's thread when {@code send} fails at once (the caller
     * answers that), else on its I/O thread when Kafka acknowledged the ping or the producer gave up on it.
     */
    private final class Delivery implements Callback {

        private final long sentNanos = System.nanoTime();
        private final Thread caller = Thread.currentThread();
        /** Delivered (true) or lost (false); never completed for a ping refused in {@link #send}. */
        private final CompletableFuture<Boolean> outcome = new CompletableFuture<>();

        @Override
        public void onCompletion(RecordMetadata metadata, Exception exception) {
            waiting.decrementAndGet();
            if (exception == null) {
                delivered.incrementAndGet();
                metrics.delivered(System.nanoTime() - sentNanos);
                outcome.complete(true);
            } else if (Thread.currentThread() != caller) {
                lost.incrementAndGet();
                metrics.lost();
                logLimited("An accepted ping was NOT delivered (" + lost.get() + " so far): " + exception);
                outcome.complete(false);
            }
        }
    }
}
