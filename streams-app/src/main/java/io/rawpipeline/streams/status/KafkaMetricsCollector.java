package io.rawpipeline.streams.status;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.PrometheusNaming;
import io.strimzi.kafka.metrics.prometheus.common.DataPointSnapshotBuilder;
import io.strimzi.kafka.metrics.prometheus.kafka.KafkaMetricWrapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * Kafka Streams' metrics and those of its consumers, producers and admin client, read at each scrape and named as
 * Strimzi's metrics reporter names them on the Kafka Connect pods ({@code kafka_<client>_<group>_<name>}, tags as
 * labels; a value that is not a number is an {@code _info} series with the value as a label), so one set of alert
 * rules reads both. Not the reporter itself: it serves one registry per JVM, and {@code pipeline local} runs the
 * parse app and a Connect worker in one JVM.
 */
public final class KafkaMetricsCollector implements MultiCollector {

    private final Supplier<Map<MetricName, ? extends Metric>> metrics;

    public KafkaMetricsCollector(Supplier<Map<MetricName, ? extends Metric>> metrics) {
        this.metrics = metrics;
    }

    @Override
    public MetricSnapshots collect() {
        Map<String, GaugeSnapshot.Builder> gauges = new LinkedHashMap<>();
        Map<String, InfoSnapshot.Builder> infos = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (Map.Entry<MetricName, ? extends Metric> entry : metrics.get().entrySet()) {
            MetricName name = entry.getKey();
            String client = client(name.group());
            if (client == null) {
                continue;
            }
            String prometheusName = KafkaMetricWrapper.prometheusName(client, name);
            Labels labels = labels(name.tags());
            // Kafka names each (group, name, tags) once, but sanitizing may not
            if (!seen.add(prometheusName + labels)) {
                continue;
            }
            Object value = entry.getValue().metricValue();
            if (value instanceof Number number) {
                gauges.computeIfAbsent(prometheusName, n -> GaugeSnapshot.builder().name(n).help(name.description()))
                        .dataPoint(DataPointSnapshotBuilder.gaugeDataPoint(labels, number.doubleValue()));
            } else {
                infos.computeIfAbsent(prometheusName, n -> InfoSnapshot.builder().name(n).help(name.description()))
                        .dataPoint(DataPointSnapshotBuilder.infoDataPoint(labels, value, name.name()));
            }
        }
        List<MetricSnapshot> snapshots = new ArrayList<>(gauges.size() + infos.size());
        gauges.values().forEach(gauge -> snapshots.add(gauge.build()));
        infos.values().forEach(info -> snapshots.add(info.build()));
        return new MetricSnapshots(snapshots);
    }

    /**
     * The client namespace Strimzi's reporter prefixes a metric with, from its group; null for the groups every
     * client has ({@code app-info}, {@code kafka-metrics-count}), whose names do not say which client they are of.
     */
    private static String client(String group) {
        if (group.startsWith("stream-")) {
            return "kafka_streams";
        } else if (group.startsWith("consumer-")) {
            return "kafka_consumer";
        } else if (group.startsWith("producer-")) {
            return "kafka_producer";
        } else if (group.startsWith("admin-client-")) {
            return "kafka_admin_client";
        }
        return null;
    }

    private static Labels labels(Map<String, String> tags) {
        Labels.Builder labels = Labels.builder();
        tags.forEach((key, value) -> labels.label(PrometheusNaming.sanitizeLabelName(key), value));
        return labels.build();
    }
}
