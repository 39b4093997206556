package io.rawpipeline.local;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.connect.cli.ConnectDistributed;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.connect.runtime.distributed.DistributedHerder;

/**
 * A distributed Kafka Connect worker in this JVM, started as {@code connect-distributed.sh} starts one, with
 * exactly-once source support; driven through its REST API, as an engineer drives it.
 */
public final class ConnectWorker extends ConnectRest implements AutoCloseable {

    private final Connect<DistributedHerder> connect;

    private ConnectWorker(Connect<DistributedHerder> connect) {
        super(connect.rest().advertisedUrl());
        this.connect = connect;
    }

    /**
     * @param groupId    the Connect cluster: workers with the same group and internal topics share connectors
     * @param pluginPath the worker's {@code plugin.path}, whose plugins carry ServiceLoader manifests
     */
    public static ConnectWorker start(String bootstrapServers, String groupId, Path pluginPath) {
        return new ConnectWorker(new ConnectDistributed().startConnect(
                settings(bootstrapServers, groupId, pluginPath, "http://127.0.0.1:0")));
    }

    /**
     * As {@link #start(String, String, Path)}, and serving the worker's metrics, its connectors' and their clients'
     * for Prometheus on {@code metricsListener} ({@code http://host:port}, path {@code /metrics}).
     */
    public static ConnectWorker start(String bootstrapServers, String groupId, Path pluginPath,
            String metricsListener) {
        Map<String, String> settings = settings(bootstrapServers, groupId, pluginPath, "http://127.0.0.1:0");
        settings.putAll(metricsSettings(metricsListener));
        return new ConnectWorker(new ConnectDistributed().startConnect(settings));
    }

    /**
     * Strimzi's metrics reporter on the worker and on the clients it creates: the metric names the
     * {@code KafkaConnect} pods serve with {@code metricsConfig: strimziMetricsReporter} (k8s/connect.yaml), so
     * one set of alert rules holds locally and in production.
     */
    public static Map<String, String> metricsSettings(String listener) {
        Map<String, String> props = new HashMap<>();
        for (String prefix : new String[] {"", "producer.", "consumer.", "admin."}) {
            props.put(prefix + "metric.reporters", "io.strimzi.kafka.metrics.prometheus.ClientMetricsReporter");
            // the reporters of one JVM share the listener of one address
            props.put(prefix + "prometheus.metrics.reporter.listener", listener);
        }
        return props;
    }

    /** The worker's settings, as its {@code connect-distributed.properties} would hold them. */
    public static Map<String, String> settings(String bootstrapServers, String groupId, Path pluginPath,
            String listener) {
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("group.id", groupId);
        props.put("config.storage.topic", groupId + "-configs");
        props.put("offset.storage.topic", groupId + "-offsets");
        props.put("status.storage.topic", groupId + "-status");
        props.put("config.storage.replication.factor", "1");
        props.put("offset.storage.replication.factor", "1");
        props.put("status.storage.replication.factor", "1");
        props.put("key.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        props.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        props.put("exactly.once.source.support", "enabled");
        // as in production (k8s/connect.yaml): tasks of a worker that lost the group move after 15 s, not 5 minutes
        props.put("scheduled.rebalance.max.delay.ms", "15000");
        props.put("offset.flush.interval.ms", "1000");
        props.put("listeners", listener);
        props.put("plugin.path", pluginPath.toAbsolutePath().toString());
        props.put("plugin.discovery", "service_load");
        props.put("config.providers", "env,file");
        props.put("config.providers.env.class", "org.apache.kafka.common.config.provider.EnvVarConfigProvider");
        // ${file:<path>:<key>}: a setting read from a properties file each time a connector or task starts
        props.put("config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider");
        return props;
    }

    /** Stops the worker: its tasks stop, commit what they can, and leave the group. */
    @Override
    public void close() {
        connect.stop();
        connect.awaitStop();
    }
}
