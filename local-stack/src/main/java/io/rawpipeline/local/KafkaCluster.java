package io.rawpipeline.local;

import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real KRaft Kafka cluster in this JVM (one combined broker and controller by default), for integration tests.
 * Settings for a single broker that still runs transactions (exactly-once Streams and Connect).
 */
public final class KafkaCluster implements AutoCloseable {

    private final KafkaClusterTestKit cluster;

    private KafkaCluster(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    public static KafkaCluster start() throws Exception {
        return start(1, Map.of());
    }

    public static KafkaCluster start(int brokers, Map<String, String> brokerProps) throws Exception {
        KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true)
                .setNumBrokerNodes(brokers)
                .setNumControllerNodes(1)
                .build());
        short replication = (short) Math.min(brokers, 3);
        builder.setConfigProp("offsets.topic.replication.factor", replication);
        builder.setConfigProp("transaction.state.log.replication.factor", replication);
        builder.setConfigProp("transaction.state.log.min.isr", 1);
        builder.setConfigProp("group.initial.rebalance.delay.ms", 0);
        builder.setConfigProp("auto.create.topics.enable", false);
        brokerProps.forEach(builder::setConfigProp);
        KafkaClusterTestKit cluster = builder.build();
        try {
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
        return new KafkaCluster(cluster);
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    public Admin admin() {
        return Admin.create(Map.of("bootstrap.servers", bootstrapServers()));
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
