package io.rawpipeline.connect.s3;

import java.util.LinkedHashMap;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeSum;

/**
 * What a task reads, as Connect plugin metrics (group {@code plugins}, tags {@code connector} and {@code task};
 * through Strimzi's reporter {@code kafka_connect_plugins_<name>}): objects, lines and bytes read, the objects
 * announced and not yet read to their end, and the notifications waiting in the queue.
 */
final class ReadingMetrics {

    private final Sensor objects;
    private final Sensor lines;
    private final Sensor bytes;
    private volatile long objectsInProgress;
    private volatile long notificationsWaiting = -1;

    ReadingMetrics(PluginMetrics metrics) {
        objects = counter(metrics, "objects-read-total", "Objects read to their end (or given up as unreadable)");
        lines = counter(metrics, "lines-read-total", "Lines read from objects");
        bytes = counter(metrics, "bytes-read-total", "Bytes of the lines read from objects");
        metrics.addMetric(metrics.metricName("objects-in-progress", "Objects announced and not yet read to their end",
                new LinkedHashMap<>()), (Gauge<Long>) (config, now) -> objectsInProgress);
        metrics.addMetric(metrics.metricName("notifications-waiting", "Notifications waiting in the SQS queue "
                + "(ApproximateNumberOfMessages; -1 when the queue could not be asked)", new LinkedHashMap<>()),
                (Gauge<Long>) (config, now) -> notificationsWaiting);
    }

    private static Sensor counter(PluginMetrics metrics, String name, String description) {
        Sensor sensor = metrics.addSensor(name);
        sensor.add(metrics.metricName(name, description, new LinkedHashMap<>()), new CumulativeSum());
        return sensor;
    }

    void line(int lineBytes) {
        lines.record();
        bytes.record(lineBytes);
    }

    void objectRead() {
        objects.record();
    }

    void objectsInProgress(long count) {
        objectsInProgress = count;
    }

    void notificationsWaiting(long count) {
        notificationsWaiting = count;
    }
}
