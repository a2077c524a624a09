package io.penguinmails.campaign.service;

import io.penguinmails.campaign.OutboxRecord;
import io.penguinmails.campaign.repository.OutboxRepository;
import io.penguinmails.contracts.AuditEvent;
import io.penguinmails.contracts.EventJson;
import io.penguinmails.contracts.EventSchemas;
import io.penguinmails.contracts.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Records administrative actions as {@code audit.events} records in the outbox, within the caller's transaction. */
@ApplicationScoped
public class AuditLog {

    /** The {@code ce_type} of audit records. */
    public static final String EVENT_TYPE = "io.penguinmails." + Topics.AUDIT_EVENTS + ".v" + AuditEvent.SCHEMA_VERSION;

    private final OutboxRepository outbox;

    AuditLog(OutboxRepository outbox) {
        this.outbox = outbox;
    }

    /**
     * Queues an audit event keyed by its tenant.
     *
     * @param subjectId the id of what the action was done to
     * @param details extra facts, never secrets
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String action, UUID tenantId, String actor, String subjectId, Map<String, String> details) {
        Instant now = Instant.now();
        AuditEvent event =
                new AuditEvent(AuditEvent.SCHEMA_VERSION, action, tenantId.toString(), actor, subjectId, details, now);
        String body = EventJson.write(event);
        // A body that breaks its schema is a bug here; failing now rolls the action back instead of poisoning the
        // topic.
        EventSchemas.requireValid(Topics.AUDIT_EVENTS, body);
        outbox.insert(new OutboxRecord(
                UUID.randomUUID(), tenantId, Topics.AUDIT_EVENTS, tenantId.toString(), EVENT_TYPE, body, now));
    }
}
