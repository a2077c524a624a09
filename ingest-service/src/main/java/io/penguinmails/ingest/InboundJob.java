package io.penguinmails.ingest;

import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code jobs}: one inbound message on its way to the mail topics.
 *
 * @param eventBody the mail event to publish; cleared once published
 */
public record InboundJob(
        UUID id,
        UUID tenantId,
        String storageKey,
        String messageType,
        String status,
        int attemptCount,
        int maxAttempts,
        String lastError,
        Instant created,
        Instant completed,
        String eventBody) {

    /** Job states: queued (waiting or backing off), running (claimed), done (published), dead (gave up). */
    public static final java.util.List<String> STATUSES = java.util.List.of("queued", "running", "done", "dead");
}
