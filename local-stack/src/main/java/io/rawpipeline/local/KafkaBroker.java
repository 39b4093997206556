package io.rawpipeline.local;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * One KRaft node (broker and controller) run as production runs it: a {@link KafkaRaftServer} whose log directory
 * is formatted once and kept, so a second start in the same folder finds its topics, offsets and transactions.
 * Settings for a single node that still runs transactions (exactly-once Streams and Connect).
 */
public final class KafkaBroker implements AutoCloseable {

    private static final String CONTROLLER_LISTENER = "CONTROLLER";

    private final KafkaRaftServer server;
    private final String bootstrapServers;

    private KafkaBroker(KafkaRaftServer server, String bootstrapServers) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
    }

    /** Starts the node on a free port with its data in {@code dataDir}, formatting the folder first if it is new. */
    public static KafkaBroker start(Path dataDir) throws Exception {
        return start(dataDir, freePort());
    }

    /**
     * Starts the node with its data in {@code dataDir} on {@code brokerPort} (its controller on a free port): after a
     * {@link #close()}, the same call starts it again where clients left it, with its topics, offsets and producer
     * state.
     */
    public static KafkaBroker start(Path dataDir, int brokerPort) throws Exception {
        Path logDir = dataDir.toAbsolutePath().resolve("kafka-logs");
        KafkaConfig config = KafkaConfig.fromProps(settings(logDir, "127.0.0.1", brokerPort, freePort()), false);
        formatIfNew(logDir);
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            server.startup();
        } catch (RuntimeException e) {
            server.shutdown();
            throw e;
        }
        return new KafkaBroker(server, "127.0.0.1:" + brokerPort);
    }

    /** The node's {@code server.properties}: broker and controller listening on {@code host}. */
    public static Properties settings(Path logDir, String host, int brokerPort, int controllerPort) {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@" + host + ":" + controllerPort);
        props.put("listeners", "PLAINTEXT://" + host + ":" + brokerPort + "," + CONTROLLER_LISTENER + "://" + host
                + ":" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://" + host + ":" + brokerPort);
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("log.dirs", logDir.toString());
        props.put("offsets.topic.replication.factor", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("auto.create.topics.enable", "false");
        return props;
    }

    /** Formats the log directory, as {@code kafka-storage.sh format} does, unless it holds a node already. */
    public static void formatIfNew(Path logDir) throws Exception {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        Files.createDirectories(logDir);
        new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setNodeId(1)
                .setClusterId(Uuid.randomUuid().toString())
                .setDirectories(List.of(logDir.toString()))
                .setMetadataLogDirectory(logDir.toString())
                .setReleaseVersion(MetadataVersion.latestProduction())
                .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                .setControllerListenerName(CONTROLLER_LISTENER)
                .setIgnoreFormatted(true)
                .run();
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}
