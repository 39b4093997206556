package io.rawpipeline.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A distributed Kafka Connect cluster in this JVM ({@link EmbeddedConnectCluster}: one KRaft broker and N workers)
 * with exactly-once source support enabled, as the workers run in production.
 */
public final class ConnectCluster implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Logger LOG = LoggerFactory.getLogger(ConnectCluster.class);

    private final EmbeddedConnectCluster cluster;

    private ConnectCluster(EmbeddedConnectCluster cluster) {
        this.cluster = cluster;
    }

    public static ConnectCluster start() throws Exception {
        return start(1, Map.of(), null);
    }

    /**
     * @param workerProps added to (and overriding) this class's defaults
     * @param pluginPath  the worker's {@code plugin.path}, or null for class-path plugins only
     */
    public static ConnectCluster start(int workers, Map<String, String> workerProps, Path pluginPath) throws Exception {
        long started = System.nanoTime();
        // EmbeddedConnectCluster adds its defaults to this map, so it must be mutable.
        Map<String, String> worker = new HashMap<>();
        worker.put("exactly.once.source.support", "enabled");
        worker.put("offset.flush.interval.ms", "1000");
        // Scanning this module's large class path for plugins takes ~7 s; Connect's own plugins have manifests.
        worker.put("plugin.discovery", "service_load");
        if (pluginPath != null) {
            worker.put("plugin.path", pluginPath.toString());
        }
        worker.putAll(workerProps);

        Properties broker = new Properties();
        // One broker must still run the transactions of exactly-once source tasks.
        broker.put("transaction.state.log.replication.factor", "1");
        broker.put("transaction.state.log.min.isr", "1");
        broker.put("offsets.topic.replication.factor", "1");

        EmbeddedConnectCluster cluster = new EmbeddedConnectCluster.Builder()
                .name("connect")
                .numWorkers(workers)
                .numBrokers(1)
                .brokerProps(broker)
                .workerProps(worker)
                .build();
        try {
            cluster.start();
            awaitHealthyWorkers(cluster);
        } catch (Exception e) {
            cluster.stop();
            throw e;
        }
        LOG.info("Connect cluster ({} workers, Kafka at {}) started in {} ms", workers,
                cluster.kafka().bootstrapServers(), (System.nanoTime() - started) / 1_000_000);
        return new ConnectCluster(cluster);
    }

    private static void awaitHealthyWorkers(EmbeddedConnectCluster cluster)
            throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!cluster.allWorkersHealthy()) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("Connect workers not healthy after " + START_TIMEOUT);
            }
            Thread.sleep(100);
        }
    }

    public String bootstrapServers() {
        return cluster.kafka().bootstrapServers();
    }

    /** The cluster itself: connectors ({@code configureConnector}, {@code connectorStatus}…), workers, its Kafka. */
    public EmbeddedConnectCluster cluster() {
        return cluster;
    }

    public void createTopic(String topic, int partitions) {
        cluster.kafka().createTopic(topic, partitions);
    }

    @Override
    public void close() {
        cluster.stop();
    }
}
