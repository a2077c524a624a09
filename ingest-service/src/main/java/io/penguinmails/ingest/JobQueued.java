package io.penguinmails.ingest;

import java.util.UUID;

/** A job was committed to the queue; the relay publishes it at once instead of on its next tick. */
public record JobQueued(UUID jobId) {}
