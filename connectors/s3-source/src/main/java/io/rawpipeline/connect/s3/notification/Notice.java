package io.rawpipeline.connect.s3.notification;

/**
 * A received message and the objects it announced that are not settled yet. The message is deleted once every one
 * of them is settled (its final record committed, or nothing to read); an abandoned message is left for SQS to
 * hand out again and, past the queue's receive limit, to move to its dead-letter queue.
 */
public final class Notice {

    private final QueuedMessage message;
    private int unsettled;
    private boolean abandoned;
    private long hiddenSince;

    public Notice(QueuedMessage message, int objects, long now) {
        this.message = message;
        this.unsettled = objects;
        this.hiddenSince = now;
    }

    public QueuedMessage message() {
        return message;
    }

    /** Settles one object; true when the message can now be deleted. */
    public synchronized boolean settleOne() {
        unsettled--;
        return unsettled == 0 && !abandoned;
    }

    public synchronized void abandon() {
        abandoned = true;
    }

    public synchronized boolean abandoned() {
        return abandoned;
    }

    /** Whether half the visibility timeout has passed since the message was last hidden. */
    public synchronized boolean visibilityDue(long now, long visibilityMillis) {
        return !abandoned && unsettled > 0 && now - hiddenSince >= visibilityMillis / 2;
    }

    public synchronized void hidden(long now) {
        hiddenSince = now;
    }
}
