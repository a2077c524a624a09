package io.penguinmails.ingest.service.importer;

import java.util.List;
import java.util.Map;

/**
 * What an import did.
 *
 * @param kind {@code mbox}, {@code maildir} or {@code eml}
 * @param total entries read in this run: accepted + duplicates + refused
 * @param duplicates entries accepted by an earlier run or submission (same storage_key); nothing new was stored
 * @param skipped entries before the resume point, not read again
 * @param refusedByReason refused entries per reason ({@code not a message}, {@code too large})
 * @param refusals the first refused entries with their reasons, at most {@link #MAX_LISTED}
 * @param published jobs of this import published to the mail topics
 * @param dead jobs that gave up publishing (see {@code GET /v1/jobs?status=dead})
 * @param pending jobs still waiting to be published when the wait ended
 */
public record ImportReport(
        String source,
        String kind,
        long total,
        long accepted,
        long duplicates,
        long skipped,
        long refused,
        Map<String, Long> refusedByReason,
        List<Refusal> refusals,
        long published,
        long dead,
        long pending) {

    /** Refused entries listed by name in a report at most. */
    public static final int MAX_LISTED = 50;

    /** Whether every entry is now a published job. */
    public boolean complete() {
        return refused == 0 && dead == 0 && pending == 0;
    }

    /** One refused entry: its key in the source (position, file name) and why. */
    public record Refusal(String key, String reason) {}
}
