package io.penguinmails.analytics.rest;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.Map;

/** One administrative action in {@code GET /v1/audit}; {@code event_id} is the audit event's {@code ce_id}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AuditEntryView(
        String eventId,
        String action,
        String actor,
        String subjectId,
        Map<String, String> details,
        Instant occurredAt) {}
