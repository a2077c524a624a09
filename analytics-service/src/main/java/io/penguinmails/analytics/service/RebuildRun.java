package io.penguinmails.analytics.service;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** The mutable progress of one rebuild, updated by its worker thread and read by status requests. */
final class RebuildRun {

    private final UUID id = UUID.randomUUID();
    private final Instant startedAt = Instant.now();
    private final AtomicLong total = new AtomicLong();
    private final AtomicLong replayed = new AtomicLong();
    private final AtomicLong counted = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private volatile String state = RebuildStatus.RUNNING;
    private volatile Instant finishedAt;
    private volatile String error;

    UUID id() {
        return id;
    }

    void total(long records) {
        total.set(records);
    }

    void batch(long read, BatchOutcome outcome, long invalid) {
        replayed.addAndGet(read);
        counted.addAndGet(outcome.counted());
        duplicates.addAndGet(outcome.duplicates());
        skipped.addAndGet(invalid);
    }

    void completed() {
        finishedAt = Instant.now();
        state = RebuildStatus.COMPLETED;
    }

    void failed(Exception cause) {
        error = String.valueOf(cause.getMessage());
        finishedAt = Instant.now();
        state = RebuildStatus.FAILED;
    }

    boolean running() {
        return RebuildStatus.RUNNING.equals(state);
    }

    RebuildStatus status() {
        return new RebuildStatus(
                id,
                state,
                total.get(),
                replayed.get(),
                counted.get(),
                duplicates.get(),
                skipped.get(),
                startedAt,
                finishedAt,
                error);
    }
}
