package io.rawpipeline.connect.s3.notification;

import java.util.List;

/** What an SQS message body says. */
public sealed interface Notification {

    /**
     * Objects were created (a message may announce several). {@code reingest}: read them again from the first line
     * even where they are already ingested (a forced backfill; S3 itself never asks for it).
     */
    record ObjectsCreated(List<ObjectCreated> objects, boolean reingest) implements Notification {

        public ObjectsCreated(List<ObjectCreated> objects) {
            this(objects, false);
        }
    }

    /** The test message S3 sends when notifications are configured; nothing to read. */
    record TestEvent() implements Notification {
    }

    /** S3 events that are not object creations (removals, restores...); nothing to read. */
    record OtherEvents(List<String> eventNames) implements Notification {
    }

    /** The body is not an S3 event notification; the reason says why. */
    record NotAnEvent(String reason) implements Notification {
    }
}
