package io.rawpipeline.connect.warehouse.record;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Where a record that cannot become a row goes: to Connect's errant record reporter (the dead-letter topic with
 * {@code errors.tolerance=all} and {@code errors.deadletterqueue.topic.name}), or, without one, into a
 * {@link ConnectException} that names the record and fails the task, never a silent skip.
 */
public final class BadRecords {

    private final ErrantRecordReporter reporter;
    private final List<Future<Void>> reported = new ArrayList<>();

    /** @param reporter the context's reporter; null when the connector has no error reporting configured */
    public BadRecords(ErrantRecordReporter reporter) {
        this.reporter = reporter;
    }

    public void reject(SinkRecord record, BadRecordException reason) {
        if (reporter == null) {
            throw new ConnectException("Cannot land the record of " + where(record) + ": " + reason.getMessage()
                    + ". Set errors.tolerance=all and errors.deadletterqueue.topic.name to dead-letter such records.",
                    reason);
        }
        reported.add(reporter.report(record, reason));
    }

    /**
     * Waits until the reported records are in the dead-letter topic: their offsets are committed with the batch, so
     * a record that is not yet dead-lettered must not be passed.
     */
    public void awaitReported() {
        try {
            for (Future<Void> report : reported) {
                report.get();
            }
        } catch (ExecutionException e) {
            throw new ConnectException("Could not dead-letter a record", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("Interrupted while dead-lettering records", e);
        } finally {
            reported.clear();
        }
    }

    public static String where(SinkRecord record) {
        return "topic " + record.originalTopic() + ", partition " + record.originalKafkaPartition() + ", offset "
                + record.originalKafkaOffset();
    }
}
