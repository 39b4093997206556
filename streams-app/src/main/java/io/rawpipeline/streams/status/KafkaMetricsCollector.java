package io.rawpipeline.streams.status;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.PrometheusNaming;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * Kafka's client metrics (Kafka Streams' own and those of its consumers, producers and admin client) as Prometheus
 * metrics, read at each scrape: {@code <group>-metrics / <name>} becomes {@code kafka_<group>_<name>} with the
 * metric's tags as labels. Cumulative {@code *-total} metrics become counters (so {@code rate()} works), the rest
 * gauges; metrics whose value is not a number (versions, ids) are left out.
 */
public final class KafkaMetricsCollector implements MultiCollector {

    private final Supplier<Map<MetricName, ? extends Metric>> metrics;

    public KafkaMetricsCollector(Supplier<Map<MetricName, ? extends Metric>> metrics) {
        this.metrics = metrics;
    }

    @Override
    public MetricSnapshots collect() {
        Map<String, Family> families = new LinkedHashMap<>();
        for (Map.Entry<MetricName, ? extends Metric> entry : metrics.get().entrySet()) {
            if (!(entry.getValue().metricValue() instanceof Number number)) {
                continue;
            }
            MetricName name = entry.getKey();
            boolean counter = name.name().endsWith("-total");
            String base = counter ? name.name().substring(0, name.name().length() - "-total".length()) : name.name();
            String prometheusName = PrometheusNaming.sanitizeMetricName(
                    "kafka_" + name.group().replaceAll("-metrics$", "") + "_" + base);
            Family family = families.computeIfAbsent(prometheusName, n -> new Family(n, counter, name.description()));
            if (family.counter == counter) {
                family.add(labels(name.tags()), number.doubleValue());
            }
        }
        List<MetricSnapshot> snapshots = new ArrayList<>(families.size());
        families.values().forEach(family -> snapshots.add(family.snapshot()));
        return new MetricSnapshots(snapshots);
    }

    private static Labels labels(Map<String, String> tags) {
        Labels.Builder labels = Labels.builder();
        tags.forEach((key, value) -> labels.label(PrometheusNaming.sanitizeLabelName(key), value));
        return labels.build();
    }

    /** The data points of one Prometheus metric; Kafka names each (group, name, tags) once, but sanitizing may not. */
    private static final class Family {
        final String name;
        final boolean counter;
        final String help;
        final Map<Labels, Double> points = new LinkedHashMap<>();

        Family(String name, boolean counter, String help) {
            this.name = name;
            this.counter = counter;
            this.help = help;
        }

        void add(Labels labels, double value) {
            // a counter cannot be negative or NaN; Kafka's cumulative sums never are
            if (!(counter && (value < 0 || Double.isNaN(value)))) {
                points.putIfAbsent(labels, value);
            }
        }

        MetricSnapshot snapshot() {
            if (counter) {
                CounterSnapshot.Builder builder = CounterSnapshot.builder().name(name).help(help);
                points.forEach((labels, value) -> builder.dataPoint(
                        CounterSnapshot.CounterDataPointSnapshot.builder().labels(labels).value(value).build()));
                return builder.build();
            }
            GaugeSnapshot.Builder builder = GaugeSnapshot.builder().name(name).help(help);
            points.forEach((labels, value) -> builder.dataPoint(
                    GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels).value(value).build()));
            return builder.build();
        }
    }
}
