package io.rawpipeline.streams;

import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The raw records a replay parses again: those whose timestamp is in [{@code from}, {@code to}). Also counts what the
 * replay topology wrote (in this process; a transaction that is retried counts its records again).
 */
public final class ReplayWindow {

    private final Instant from;
    private final Instant to;
    private final AtomicLong rows = new AtomicLong();
    private final AtomicLong deadLetters = new AtomicLong();
    private final AtomicLong outside = new AtomicLong();

    public ReplayWindow(Instant from, Instant to) {
        this.from = Objects.requireNonNull(from, "from");
        this.to = Objects.requireNonNull(to, "to");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from " + from + " must be before to " + to);
        }
    }

    public Instant from() {
        return from;
    }

    public Instant to() {
        return to;
    }

    /** Whether a raw record with this timestamp (epoch millis) is replayed. */
    public boolean contains(long timestamp) {
        return timestamp >= from.toEpochMilli() && timestamp < to.toEpochMilli();
    }

    public long rows() {
        return rows.get();
    }

    public long deadLetters() {
        return deadLetters.get();
    }

    /** Raw records read but outside the window, so not parsed. */
    public long outside() {
        return outside.get();
    }

    void countRow() {
        rows.incrementAndGet();
    }

    void countDeadLetter() {
        deadLetters.incrementAndGet();
    }

    void countOutside() {
        outside.incrementAndGet();
    }
}
