package io.penguinmails.analytics.service;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.UUID;

/**
 * A rebuild's progress, as {@code GET /v1/admin/analytics/rebuild/{id}} shows it.
 *
 * @param rebuildId the rebuild's id
 * @param state {@code running}, {@code completed} or {@code failed}
 * @param total the records the topic held when the rebuild started (0 until known)
 * @param replayed records read so far, including those appended since the start
 * @param counted records counted into the shadow tables
 * @param duplicates records whose {@code ce_id} had already been counted during the replay (redeliveries)
 * @param skipped records that break the contract (they went to the dead-letter topic when first consumed)
 * @param startedAt when it started
 * @param finishedAt when it completed or failed; null while running
 * @param error why it failed; null otherwise
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RebuildStatus(
        UUID rebuildId,
        String state,
        long total,
        long replayed,
        long counted,
        long duplicates,
        long skipped,
        Instant startedAt,
        Instant finishedAt,
        String error) {

    /** The state of a rebuild that is still replaying or swapping. */
    public static final String RUNNING = "running";

    /** The state of a rebuild whose tables are live. */
    public static final String COMPLETED = "completed";

    /** The state of a rebuild that gave up; the live tables are untouched. */
    public static final String FAILED = "failed";
}
