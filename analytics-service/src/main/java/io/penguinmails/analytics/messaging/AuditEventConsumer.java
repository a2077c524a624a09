package io.penguinmails.analytics.messaging;

import io.penguinmails.analytics.repository.AuditLogRepository;
import io.penguinmails.contracts.AuditEvent;
import io.penguinmails.contracts.CloudEvent;
import io.penguinmails.contracts.EventJson;
import io.penguinmails.contracts.EventSchemas;
import io.penguinmails.contracts.InvalidEventException;
import io.penguinmails.contracts.Topics;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code audit.events} into {@code admin_audit_log}, once per {@code ce_id}. An invalid record goes to
 * {@code audit.events.dlq} with the reason, like on {@code analytics.events}.
 */
@ApplicationScoped
public class AuditEventConsumer {

    private final AuditLogRepository auditLog;

    AuditEventConsumer(AuditLogRepository auditLog) {
        this.auditLog = auditLog;
    }

    /** Validates and records one audit event; a passing database outage is retried before dead-lettering. */
    @Incoming("audit-events-in")
    @Blocking
    @Retry(maxRetries = 3, delay = 1000, abortOn = InvalidEventException.class)
    public void consume(ConsumerRecord<String, String> record) {
        CloudEvent envelope = CloudEvent.fromHeaders(record.headers());
        String body = record.value();
        if (body == null) {
            throw new InvalidEventException("record has no body");
        }
        EventSchemas.requireValid(Topics.AUDIT_EVENTS, body);
        auditLog.record(envelope.id(), EventJson.read(body, AuditEvent.class));
    }
}
