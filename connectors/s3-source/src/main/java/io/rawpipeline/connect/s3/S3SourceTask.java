package io.rawpipeline.connect.s3;

import io.rawpipeline.connect.s3.config.AwsClients;
import io.rawpipeline.connect.s3.config.QueueConfig;
import io.rawpipeline.connect.s3.config.ReadingConfig;
import io.rawpipeline.connect.s3.config.Route;
import io.rawpipeline.connect.s3.config.S3SourceConfig;
import io.rawpipeline.connect.s3.notification.Notice;
import io.rawpipeline.connect.s3.notification.Notification;
import io.rawpipeline.connect.s3.notification.NotificationQueue;
import io.rawpipeline.connect.s3.notification.ObjectCreated;
import io.rawpipeline.connect.s3.notification.QueuedMessage;
import io.rawpipeline.connect.s3.notification.S3EventParser;
import io.rawpipeline.connect.s3.object.ObjectLine;
import io.rawpipeline.connect.s3.object.ObjectLines;
import io.rawpipeline.connect.s3.object.ObjectStore;
import io.rawpipeline.connect.s3.object.ReadFailure;
import io.rawpipeline.connect.s3.offset.ObjectOffset;
import io.rawpipeline.connect.s3.record.ErrorRecords;
import io.rawpipeline.connect.s3.record.LineRecords;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes notifications from the queue and emits each announced object line by line. One pipeline, read top to bottom
 * in {@link #poll()}: delete the messages whose records are committed, keep the others hidden, then fill the batch
 * from the object being read, the objects already announced, or a new receive.
 *
 * <p>Exactly once: each line's offset (object version + line) is committed with the line; the last line's offset
 * (or a failure's error record) marks the object complete, so a restart resumes at the next line and a repeated
 * notification reads nothing. The message is deleted only after that final record is committed.
 */
public final class S3SourceTask extends SourceTask {

    private static final Logger log = LoggerFactory.getLogger(S3SourceTask.class);
    /** Versions this task emitted whole, which the offset store may not show yet (their transaction is open). */
    private static final int EMITTED_MEMORY = 10_000;
    /** How often the queue is asked its depth, for the notifications-waiting metric. */
    private static final long QUEUE_DEPTH_EVERY_MS = 30_000;

    private final S3EventParser events = new S3EventParser();
    private final Deque<Announced> announced = new ArrayDeque<>();
    // stop() releases these from another thread than poll()'s
    private final List<Notice> inFlight = new CopyOnWriteArrayList<>();
    private final Queue<Notice> settled = new ConcurrentLinkedQueue<>();
    private final Map<SourceRecord, Notice> finalRecords = Collections.synchronizedMap(new IdentityHashMap<>());
    private final Map<String, String> emittedVersions = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > EMITTED_MEMORY;
        }
    };

    private S3SourceConfig config;
    private NotificationQueue queue;
    private ObjectStore store;
    private ErrorRecords errors;
    private int batchMaxLines;
    private int lineMaxBytes;
    private Reading current;
    private ReadingMetrics metrics;
    private long queueDepthAskedAt;

    /** An object a message announced, not yet opened. */
    private record Announced(ObjectCreated object, Notice notice, boolean reingest) {
    }

    /** The object being read. */
    private static final class Reading {
        final Announced announced;
        final ObjectLines lines;
        final LineRecords records;
        long lastLine;

        Reading(Announced announced, Route route, ObjectLines lines, long lastLine) {
            this.announced = announced;
            this.lines = lines;
            this.records = new LineRecords(announced.object(), route);
            this.lastLine = lastLine;
        }
    }

    @Override
    public String version() {
        return S3SourceConnector.VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        config = new S3SourceConfig(props);
        queue = new NotificationQueue(AwsClients.sqs(config), config.getString(QueueConfig.QUEUE_URL_CONFIG),
                config.getInt(QueueConfig.MAX_MESSAGES_CONFIG), config.getInt(QueueConfig.WAIT_SECONDS_CONFIG),
                config.getInt(QueueConfig.VISIBILITY_SECONDS_CONFIG));
        store = new ObjectStore(AwsClients.s3(config));
        errors = new ErrorRecords(config.getString(ReadingConfig.ERROR_TOPIC_CONFIG));
        batchMaxLines = config.getInt(ReadingConfig.BATCH_MAX_LINES_CONFIG);
        lineMaxBytes = config.getInt(ReadingConfig.LINE_MAX_BYTES_CONFIG);
        metrics = new ReadingMetrics(context.pluginMetrics());
    }

    @Override
    public List<SourceRecord> poll() {
        deleteSettledMessages();
        keepMessagesHidden();
        long now = System.currentTimeMillis();
        List<SourceRecord> records = new ArrayList<>();
        while (records.size() < batchMaxLines) {
            if (current != null) {
                readLines(records, now);
                continue;
            }
            Announced next = announced.poll();
            if (next == null) {
                if (!records.isEmpty() || !receive(records, now)) {
                    break;
                }
                continue;
            }
            open(next, records, now);
        }
        metrics.objectsInProgress(announced.size() + (current == null ? 0 : 1));
        askQueueDepth(now);
        return records.isEmpty() ? null : records;
    }

    @Override
    public void commitRecord(SourceRecord record, RecordMetadata metadata) {
        Notice notice = finalRecords.remove(record);
        if (notice != null && notice.settleOne()) {
            settled.add(notice);
        }
    }

    @Override
    public void stop() {
        closeCurrent();
        if (queue != null) {
            releaseMessagesInFlight();
            queue.close();
        }
        if (store != null) {
            store.close();
        }
    }

    /** Takes messages from the queue; false when none came. */
    private boolean receive(List<SourceRecord> records, long now) {
        List<QueuedMessage> messages = queue.receive();
        for (QueuedMessage message : messages) {
            Notification notification = events.parse(message.body());
            if (notification instanceof Notification.ObjectsCreated created) {
                Notice notice = new Notice(message, created.objects().size(), now);
                inFlight.add(notice);
                created.objects().forEach(object -> announced.add(new Announced(object, notice, created.reingest())));
            } else if (notification instanceof Notification.NotAnEvent notAnEvent) {
                log.warn("SQS message {} is not an S3 event notification: {}", message.id(), notAnEvent.reason());
                Notice notice = new Notice(message, 1, now);
                inFlight.add(notice);
                finalRecord(errors.notAnEvent(message, notAnEvent.reason(), now), notice, records);
            } else {
                log.info("SQS message {} announces no new object ({}); deleting it", message.id(), notification);
                queue.delete(message);
            }
        }
        return !messages.isEmpty();
    }

    private void askQueueDepth(long now) {
        if (now - queueDepthAskedAt < QUEUE_DEPTH_EVERY_MS) {
            return;
        }
        queueDepthAskedAt = now;
        try {
            metrics.notificationsWaiting(queue.waiting());
        } catch (RetriableException e) {
            log.debug("{}", e.getMessage());
            metrics.notificationsWaiting(-1);
        }
    }

    private void open(Announced next, List<SourceRecord> records, long now) {
        ObjectCreated object = next.object();
        Route route = config.routeOf(object.bucket(), object.key()).orElse(null);
        if (route == null) {
            log.warn("No route takes {}; reported in the error topic", object.uri());
            finalRecord(errors.object(object, next.notice().message(), "no route takes this object (bucket "
                    + object.bucket() + ", key " + object.key() + ")", 0, null, now), next.notice(), records);
            return;
        }
        String version = object.version();
        ObjectOffset offset = storedOffset(object);
        boolean ingested = (offset != null && offset.completes(version))
                || version.equals(emittedVersions.get(object.uri()));
        if (ingested && !next.reingest()) {
            log.info("{} (version {}) is already ingested; nothing to emit", object.uri(), version);
            settleWithoutRecords(next.notice());
            return;
        }
        if (ingested) {
            log.info("{} (version {}) is already ingested; reading it again from line 1, as asked", object.uri(),
                    version);
        }
        // a forced read that broke off resumes where it was, like any other
        long firstLine = ingested || offset == null ? 1 : offset.nextLineOf(version);
        ObjectLines lines = null;
        try {
            lines = new ObjectLines(store.open(object), route.format(), lineMaxBytes);
            lines.skipTo(firstLine);
            current = new Reading(next, route, lines, firstLine - 1);
        } catch (ReadFailure failure) {
            if (lines != null) {
                lines.close();
            }
            failed(next, firstLine - 1, failure, records, now);
        }
    }

    /**
     * The object's committed offset. Workers before the partition's order was fixed wrote it in either order (see
     * {@link ObjectOffset#partition}), and Connect finds an offset only under the exact order it was written in: a
     * lookup of one order alone missed the offsets of about half the earlier worker runs and read such an object
     * again. The other order is looked up unless the first already completes this version.
     */
    private ObjectOffset storedOffset(ObjectCreated object) {
        ObjectOffset offset = ObjectOffset.fromMap(context.offsetStorageReader()
                .offset(ObjectOffset.partition(object.bucket(), object.key())));
        if (offset != null && offset.completes(object.version())) {
            return offset;
        }
        ObjectOffset legacy = ObjectOffset.fromMap(context.offsetStorageReader()
                .offset(ObjectOffset.legacyPartition(object.bucket(), object.key())));
        return ObjectOffset.furthest(object.version(), offset, legacy);
    }

    private void readLines(List<SourceRecord> records, long now) {
        Reading reading = current;
        ObjectCreated object = reading.announced.object();
        try {
            while (records.size() < batchMaxLines) {
                ObjectLine line = reading.lines.next();
                if (line == null) {
                    // an object with no lines (left): nothing to commit before the message can go
                    if (reading.lastLine == 0) {
                        // said once, so that an empty object is not mistaken for one never read
                        log.info("{} (version {}) has no lines; nothing to emit", object.uri(), object.version());
                    }
                    closeCurrent();
                    metrics.objectRead();
                    settleWithoutRecords(reading.announced.notice());
                    return;
                }
                SourceRecord record = line.truncated()
                        ? errors.cutLine(object, reading.announced.notice().message(), line.number(), line.bytes(),
                                new ObjectOffset(object.version(), line.number(), line.last()), now)
                        : reading.records.line(line, now);
                reading.lastLine = line.number();
                metrics.line(line.bytes().length);
                if (line.last()) {
                    emittedVersions.put(object.uri(), object.version());
                    closeCurrent();
                    metrics.objectRead();
                    finalRecord(record, reading.announced.notice(), records);
                    return;
                }
                records.add(record);
            }
        } catch (ReadFailure failure) {
            closeCurrent();
            failed(reading.announced, reading.lastLine, failure, records, now);
        }
    }

    /**
     * A permanent failure settles the object with an error record carrying its complete offset; a transient one is
     * reported and its message left to SQS's redelivery (and dead-letter queue), resuming after the committed lines.
     */
    private void failed(Announced announced, long lastLine, ReadFailure failure, List<SourceRecord> records,
                        long now) {
        ObjectCreated object = announced.object();
        QueuedMessage message = announced.notice().message();
        String reason = failure.getMessage() + (failure.permanent() ? ""
                : " (attempt " + message.receiveCount() + "; SQS will hand the notification out again)");
        log.warn("{}: {}", object.uri(), reason);
        if (failure.permanent()) {
            emittedVersions.put(object.uri(), object.version());
            metrics.objectRead();
            finalRecord(errors.object(object, message, reason, lastLine,
                    new ObjectOffset(object.version(), lastLine, true), now), announced.notice(), records);
        } else {
            announced.notice().abandon();
            inFlight.remove(announced.notice());
            records.add(errors.object(object, message, reason, lastLine, null, now));
        }
    }

    private void finalRecord(SourceRecord record, Notice notice, List<SourceRecord> records) {
        finalRecords.put(record, notice);
        records.add(record);
    }

    private void settleWithoutRecords(Notice notice) {
        if (notice.settleOne()) {
            settled.add(notice);
        }
    }

    private void deleteSettledMessages() {
        for (Notice notice = settled.poll(); notice != null; notice = settled.poll()) {
            inFlight.remove(notice);
            try {
                queue.delete(notice.message());
            } catch (RetriableException e) {
                // the message comes back after its visibility timeout and is found complete then
                log.warn("{}", e.getMessage());
            }
        }
    }

    private void keepMessagesHidden() {
        long now = System.currentTimeMillis();
        long visibilityMillis = queue.visibilitySeconds() * 1000L;
        for (Notice notice : inFlight) {
            if (notice.visibilityDue(now, visibilityMillis)) {
                if (queue.extendVisibility(notice.message())) {
                    notice.hidden(now);
                } else {
                    log.warn("SQS message {} is no longer ours to hide; another consumer may get it",
                            notice.message().id());
                    notice.abandon();
                }
            }
        }
        inFlight.removeIf(Notice::abandoned);
    }

    /**
     * Hands the notifications this task has not finished back to the queue, so that the task that takes over (after a
     * restart or rebalance) resumes their objects at once instead of after the visibility timeout. Safe whatever was
     * committed: the offsets tell the next task where each object stands.
     */
    private void releaseMessagesInFlight() {
        int released = 0;
        for (Notice notice : inFlight) {
            if (queue.release(notice.message())) {
                released++;
            }
        }
        inFlight.clear();
        if (released > 0) {
            log.info("Released {} unfinished notifications to the queue", released);
        }
    }

    private void closeCurrent() {
        if (current != null) {
            current.lines.close();
            current = null;
        }
    }
}
