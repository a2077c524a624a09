package io.penguinmails.campaign;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A CSV import of leads into a list, processed in the background.
 *
 * @param status queued, running, completed or failed
 * @param columnMapping CSV column name to lead field, as given with the request
 * @param processedRows data rows already committed; a restarted worker resumes after them
 */
public record LeadImport(
        UUID id,
        UUID tenantId,
        UUID listId,
        String listName,
        String status,
        Map<String, String> columnMapping,
        int total,
        int processedRows,
        int imported,
        int duplicates,
        int rejected,
        String error,
        Instant created,
        Instant started,
        Instant finished) {}
