package io.rawpipeline.connect.warehouse;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeSum;

/**
 * What a task landed per table, as Connect plugin metrics (through Strimzi's reporter
 * {@code kafka_connect_plugins_<name>{connector, task, table}}): rows landed, and the Kafka timestamp of the newest
 * row landed, whose age is the table's freshness.
 */
final class LandingMetrics {

    private final PluginMetrics metrics;
    private final Map<String, Table> tables = new HashMap<>();

    private static final class Table {
        Sensor rows;
        volatile long newestRecordMillis;
    }

    LandingMetrics(PluginMetrics metrics) {
        this.metrics = metrics;
    }

    /** {@code rows} rows of {@code table} committed, the newest with Kafka timestamp {@code newestRecordMillis}. */
    void landed(String table, long rows, long newestRecordMillis) {
        Table landed = tables.computeIfAbsent(table, this::register);
        landed.rows.record(rows);
        landed.newestRecordMillis = Math.max(landed.newestRecordMillis, newestRecordMillis);
    }

    private Table register(String table) {
        Table landed = new Table();
        LinkedHashMap<String, String> tags = new LinkedHashMap<>(Map.of("table", table));
        landed.rows = metrics.addSensor("rows-landed." + table);
        landed.rows.add(metrics.metricName("rows-landed-total", "Rows committed to the table", tags),
                new CumulativeSum());
        metrics.addMetric(metrics.metricName("newest-row-timestamp-seconds", "Kafka timestamp (epoch seconds) of "
                + "the newest row committed to the table: now minus it is the table's freshness", tags),
                (Gauge<Double>) (config, now) -> landed.newestRecordMillis / 1000.0);
        return landed;
    }
}
