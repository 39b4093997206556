package io.rawpipeline.connect.warehouse;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;

/** What a worker gives a sink task, recording the seeks the task asks for and the records it reports. */
final class RecordingSinkTaskContext implements SinkTaskContext {

    record Reported(SinkRecord record, Throwable error) {
    }

    final Map<TopicPartition, Long> seeks = new HashMap<>();
    final List<Reported> reported = new CopyOnWriteArrayList<>();
    private final Map<String, String> configs;
    private final boolean withReporter;
    // as the worker makes them: group "plugins", tagged with the connector and task
    private final Metrics metrics = new Metrics();
    private final PluginMetrics pluginMetrics =
            new PluginMetricsImpl(metrics, Map.of("connector", "warehouse-sink", "task", "0"));

    private RecordingSinkTaskContext(Map<String, String> configs, boolean withReporter) {
        this.configs = configs;
        this.withReporter = withReporter;
    }

    /** A connector without error reporting: {@code errantRecordReporter()} is null, as the worker gives it. */
    static RecordingSinkTaskContext withoutReporter(Map<String, String> configs) {
        return new RecordingSinkTaskContext(configs, false);
    }

    static RecordingSinkTaskContext withReporter(Map<String, String> configs) {
        return new RecordingSinkTaskContext(configs, true);
    }

    @Override
    public ErrantRecordReporter errantRecordReporter() {
        if (!withReporter) {
            return null;
        }
        return (record, error) -> {
            reported.add(new Reported(record, error));
            Future<Void> sent = CompletableFuture.completedFuture(null);
            return sent;
        };
    }

    @Override
    public Map<String, String> configs() {
        return configs;
    }

    @Override
    public void offset(Map<TopicPartition, Long> offsets) {
        seeks.putAll(offsets);
    }

    @Override
    public void offset(TopicPartition partition, long offset) {
        seeks.put(partition, offset);
    }

    @Override
    public void timeout(long timeoutMs) {
    }

    @Override
    public Set<TopicPartition> assignment() {
        return Set.copyOf(seeks.keySet());
    }

    @Override
    public void pause(TopicPartition... partitions) {
    }

    @Override
    public void resume(TopicPartition... partitions) {
    }

    @Override
    public void requestCommit() {
    }

    @Override
    public PluginMetrics pluginMetrics() {
        return pluginMetrics;
    }

    /** The value of the task's plugin metric {@code name} for {@code table}. */
    double metric(String name, String table) {
        return metrics.metrics().entrySet().stream()
                .filter(e -> e.getKey().group().equals("plugins") && e.getKey().name().equals(name)
                        && table.equals(e.getKey().tags().get("table")))
                .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue())
                .findFirst().orElseThrow(() -> new AssertionError("no metric " + name + " of " + table));
    }
}
