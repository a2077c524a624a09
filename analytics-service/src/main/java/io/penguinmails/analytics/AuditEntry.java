package io.penguinmails.analytics;

import java.time.Instant;
import java.util.Map;

/**
 * One row of {@code admin_audit_log}.
 *
 * @param eventId the {@code ce_id} of the audit event
 * @param action what was done, e.g. {@code tenant.created}
 * @param actor who did it
 * @param subjectId the object acted on, or null
 * @param details further facts of the action
 * @param occurredAt when it was done
 */
public record AuditEntry(
        String eventId,
        String action,
        String actor,
        String subjectId,
        Map<String, String> details,
        Instant occurredAt) {}
