package io.rawpipeline.gateway.config;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The gateway's settings: where it listens and what it answers, where pings go, how much it holds while Kafka is
 * away, and how long it takes to stop. Producer settings pass through with the {@value #PRODUCER_PREFIX} prefix;
 * secrets (SASL, TLS) belong in config providers ({@code config.providers}), never in the file as literals.
 */
public final class GatewayConfig extends AbstractConfig {

    public static final String PRODUCER_PREFIX = "producer.";

    public static final String LISTEN_HOST_CONFIG = "listen.host";
    public static final String LISTEN_PORT_CONFIG = "listen.port";
    public static final String IO_THREADS_CONFIG = "io.threads";
    public static final String PING_PATH_CONFIG = "ping.path";
    public static final String RESPONSE_BODY_CONFIG = "response.body";
    public static final String REQUEST_LINE_MAX_BYTES_CONFIG = "request.line.max.bytes";
    public static final String BOOTSTRAP_SERVERS_CONFIG = CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG;
    public static final String TOPIC_CONFIG = "topic";
    public static final String BUFFER_MAX_BYTES_CONFIG = "buffer.max.bytes";
    public static final String BUFFER_MAX_RECORDS_CONFIG = "buffer.max.records";
    public static final String RETRY_AFTER_SECONDS_CONFIG = "retry.after.seconds";
    public static final String ACK_TIMEOUT_MS_CONFIG = "ack.timeout.ms";
    public static final String HEALTH_INTERVAL_MS_CONFIG = "health.check.interval.ms";
    public static final String SHUTDOWN_DRAIN_MS_CONFIG = "shutdown.drain.ms";
    public static final String SHUTDOWN_TIMEOUT_MS_CONFIG = "shutdown.timeout.ms";

    public static final String DEFAULT_TOPIC = "raw.telemetry";

    /** Producer settings the gateway's promises rest on. */
    public static final Map<String, Object> PRODUCER_PINNED = Map.of(
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
            ProducerConfig.MAX_BLOCK_MS_CONFIG, 0,
            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.MAX_VALUE,
            ProducerConfig.RETRIES_CONFIG, Integer.MAX_VALUE,
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    static final String PRODUCER_PINNED_BECAUSE = "a ping answered 200 is written once, and the event loop never waits";

    /**
     * Producer defaults; the producer. settings override them. No linger: a ping's request waits for Kafka's
     * acknowledgment, so a linger is added to every answer (5 ms gave 8 k pings/s on 64 connections where 0 gives
     * 20 k, docs/performance.md); under load, batches form anyway while requests are in flight. lz4.
     * {@code metadata.recovery.strategy=none}: Kafka 4's default, {@code rebootstrap}, drops the producer's metadata
     * as soon as no broker answers, and with it the topic's partitions, so every ping would be refused for the whole
     * outage instead of waiting in the buffer. The cost: should every broker come back under new addresses, the
     * producer does not find them by itself (the buffer fills, pings are answered 503; restart the gateway).
     */
    static final Map<String, Object> PRODUCER_DEFAULTS = Map.of(
            ProducerConfig.LINGER_MS_CONFIG, 0,
            ProducerConfig.BATCH_SIZE_CONFIG, 65_536,
            ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
            CommonClientConfigs.METADATA_RECOVERY_STRATEGY_CONFIG, "none",
            ProducerConfig.CLIENT_ID_CONFIG, "rawpipeline-gateway");

    public static final ConfigDef CONFIG_DEF = configDef();

    public GatewayConfig(Map<?, ?> props) {
        super(CONFIG_DEF, props);
        if (!getString(PING_PATH_CONFIG).startsWith("/")) {
            throw new ConfigException(PING_PATH_CONFIG, getString(PING_PATH_CONFIG), "must start with /");
        }
        int batchSize = batchSize();
        if (getLong(BUFFER_MAX_BYTES_CONFIG) < batchSize) {
            throw new ConfigException(BUFFER_MAX_BYTES_CONFIG, getLong(BUFFER_MAX_BYTES_CONFIG), "must hold at least "
                    + "one producer batch (" + PRODUCER_PREFIX + ProducerConfig.BATCH_SIZE_CONFIG + " = " + batchSize
                    + " bytes)");
        }
        for (String fixed : PRODUCER_PINNED.keySet()) {
            refuse(fixed, "is set by the gateway itself and cannot be overridden (" + PRODUCER_PINNED_BECAUSE
                    + ")");
        }
        refuse(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "is set by " + BOOTSTRAP_SERVERS_CONFIG + "; use that");
        refuse(ProducerConfig.BUFFER_MEMORY_CONFIG, "is set by " + BUFFER_MAX_BYTES_CONFIG + "; use that");
    }

    private static ConfigDef configDef() {
        ConfigDef def = new ConfigDef();
        int order = 0;
        String http = "HTTP";
        def.define(LISTEN_HOST_CONFIG, Type.STRING, "0.0.0.0", new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                        "Address the HTTP server binds to.", http, ++order, Width.MEDIUM, "Listen host")
                .define(LISTEN_PORT_CONFIG, Type.INT, 8080, ConfigDef.Range.between(0, 65_535), Importance.HIGH,
                        "Port the HTTP server listens on (0: any free port).", http, ++order, Width.SHORT,
                        "Listen port")
                .define(IO_THREADS_CONFIG, Type.INT, 0, ConfigDef.Range.between(0, 256), Importance.LOW,
                        "Event-loop threads that read requests and hand pings to the producer (0: one per core).",
                        http, ++order, Width.SHORT, "I/O threads")
                .define(PING_PATH_CONFIG, Type.STRING, "/security", new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                        "Path of the ping endpoint (GET only); other paths but /healthz and /metrics answer 404.",
                        http, ++order, Width.MEDIUM, "Ping path")
                .define(RESPONSE_BODY_CONFIG, Type.STRING, "[]", Importance.MEDIUM,
                        "JSON body of the answer to an accepted ping (Content-Type: application/json).",
                        http, ++order, Width.LONG, "Response body")
                .define(REQUEST_LINE_MAX_BYTES_CONFIG, Type.INT, 8192, ConfigDef.Range.between(256, 65_536),
                        Importance.LOW, "Longest request line accepted, in bytes (method, path and query, version; "
                                + "not the CRLF); a longer one is answered 414 and counted.",
                        http, ++order, Width.SHORT, "Max request line");
        order = 0;
        String kafka = "Kafka";
        def.define(BOOTSTRAP_SERVERS_CONFIG, Type.LIST, ConfigDef.NO_DEFAULT_VALUE,
                        ConfigDef.ValidList.anyNonDuplicateValues(false, false),
                        Importance.HIGH, "Kafka brokers to connect to (host:port,…); other producer settings go "
                                + "with the producer. prefix (producer.security.protocol, producer.sasl.jaas.config, …).",
                        kafka, ++order, Width.LONG, "Bootstrap servers")
                .define(TOPIC_CONFIG, Type.STRING, DEFAULT_TOPIC, new ConfigDef.NonEmptyString(), Importance.HIGH,
                        "Raw topic the pings go to: the query string as the value, no key, receive time, client IP "
                                + "and user agent as headers.", kafka, ++order, Width.MEDIUM, "Topic")
                .define(HEALTH_INTERVAL_MS_CONFIG, Type.LONG, 2000L, ConfigDef.Range.between(100, 60_000),
                        Importance.LOW, "How often the gateway checks that Kafka describes the topic and the "
                                + "producer knows its partitions (every 200 ms while not); /healthz answers 503 while "
                                + "the last check failed.",
                        kafka, ++order, Width.SHORT, "Health check interval (ms)");
        order = 0;
        String pressure = "Back-pressure";
        def.define(BUFFER_MAX_BYTES_CONFIG, Type.LONG, 64L << 20, ConfigDef.Range.between(16 * 1024, 1L << 34),
                        Importance.MEDIUM, "Memory the producer may hold for pings not yet acknowledged by Kafka "
                                + "(its buffer.memory); when it is full, pings are answered 503.",
                        pressure, ++order, Width.SHORT, "Buffer bytes")
                .define(BUFFER_MAX_RECORDS_CONFIG, Type.INT, 200_000, ConfigDef.Range.atLeast(1), Importance.MEDIUM,
                        "Most pings accepted but not yet acknowledged by Kafka; past it, pings are answered 503.",
                        pressure, ++order, Width.SHORT, "Buffer records")
                .define(ACK_TIMEOUT_MS_CONFIG, Type.LONG, 10_000L, ConfigDef.Range.between(1, 600_000),
                        Importance.MEDIUM, "How long a ping's request waits for Kafka to acknowledge it: a ping is "
                                + "answered 200 only once Kafka has it. Past this (Kafka away or slow) it is answered "
                                + "503 not_acknowledged; the producer keeps it, so it may still be delivered, once.",
                        pressure, ++order, Width.SHORT, "Acknowledgment wait (ms)")
                .define(RETRY_AFTER_SECONDS_CONFIG, Type.INT, 30, ConfigDef.Range.between(1, 86_400),
                        Importance.LOW, "Retry-After of a 503 answer, in seconds.", pressure, ++order, Width.SHORT,
                        "Retry-After (s)");
        order = 0;
        String shutdown = "Shutdown";
        def.define(SHUTDOWN_DRAIN_MS_CONFIG, Type.LONG, 2000L, ConfigDef.Range.between(0, 600_000), Importance.LOW,
                        "On SIGTERM, after the listener closes: how long open connections may still send requests "
                                + "(each answered with Connection: close) before they are closed.",
                        shutdown, ++order, Width.SHORT, "Drain (ms)")
                .define(SHUTDOWN_TIMEOUT_MS_CONFIG, Type.LONG, 30_000L, ConfigDef.Range.between(0, 3_600_000),
                        Importance.MEDIUM, "On SIGTERM, how long the producer may take to deliver the pings it "
                                + "holds; what is still undelivered then is lost and logged.",
                        shutdown, ++order, Width.SHORT, "Flush timeout (ms)");
        return def;
    }

    /**
     * The producer's settings: the {@value #PRODUCER_PREFIX} ones, then the gateway's (bootstrap servers, buffer
     * memory, and the {@link #PRODUCER_PINNED settings that keep accepted pings safe}).
     */
    public Map<String, Object> producerProps() {
        Map<String, Object> props = new HashMap<>(PRODUCER_DEFAULTS);
        props.putAll(originalsWithPrefix(PRODUCER_PREFIX));
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, getList(BOOTSTRAP_SERVERS_CONFIG));
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, getLong(BUFFER_MAX_BYTES_CONFIG));
        props.putAll(PRODUCER_PINNED);
        return props;
    }

    private void refuse(String producerKey, String why) {
        if (originals().containsKey(PRODUCER_PREFIX + producerKey)) {
            throw new ConfigException(PRODUCER_PREFIX + producerKey, originals().get(PRODUCER_PREFIX + producerKey),
                    why);
        }
    }

    private int batchSize() {
        Object value = producerProps().get(ProducerConfig.BATCH_SIZE_CONFIG);
        try {
            return value instanceof Number number ? number.intValue() : Integer.parseInt(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(PRODUCER_PREFIX + ProducerConfig.BATCH_SIZE_CONFIG, value, "not an integer");
        }
    }
}
