package io.rawpipeline.connect.s3.object;

/**
 * Why an object could not be read (to its end), classified once: a permanent failure will not go away by reading
 * again (the object is gone, corrupt, truncated, replaced); a transient one may (access denied until a policy is
 * fixed, throttling, a dropped connection), so its notification is left to SQS's redelivery and, after the queue's
 * receive limit, to its dead-letter queue.
 */
public final class ReadFailure extends Exception {

    private final boolean permanent;

    public ReadFailure(String reason, boolean permanent, Throwable cause) {
        super(reason, cause, false, false);
        this.permanent = permanent;
    }

    public boolean permanent() {
        return permanent;
    }
}
