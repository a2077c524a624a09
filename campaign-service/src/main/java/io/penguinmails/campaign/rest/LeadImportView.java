package io.penguinmails.campaign.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.penguinmails.campaign.LeadImport;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The progress of a lead import: {@code processed} of {@code total} data rows handled so far; {@code imported} new
 * leads, {@code duplicates} rows whose address was already a lead of the tenant (added to the list, not duplicated),
 * {@code rejected} rows left out (see the rejects endpoint).
 */
public record LeadImportView(
        UUID id,
        String list,
        String status,
        int total,
        int processed,
        int imported,
        int duplicates,
        int rejected,
        @JsonProperty("column_mapping") Map<String, String> columnMapping,
        String error,
        Instant created,
        Instant started,
        Instant finished) {

    static LeadImportView of(LeadImport job) {
        return new LeadImportView(
                job.id(),
                job.listName(),
                job.status(),
                job.total(),
                job.processedRows(),
                job.imported(),
                job.duplicates(),
                job.rejected(),
                job.columnMapping(),
                job.error(),
                job.created(),
                job.started(),
                job.finished());
    }
}
