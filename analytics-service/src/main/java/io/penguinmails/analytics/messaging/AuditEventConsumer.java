package io.penguinmails.analytics.messaging;

import io.penguinmails.analytics.repository.AuditLogRepository;
import io.penguinmails.contracts.AuditEvent;
import io.penguinmails.contracts.CloudEvent;
import io.penguinmails.contracts.DatabaseUnavailable;
import io.penguinmails.contracts.EventJson;
import io.penguinmails.contracts.EventSchemas;
import io.penguinmails.contracts.InvalidEventException;
import io.penguinmails.contracts.Topics;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.faulttolerance.api.RetryWhen;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
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

    /** Validates and records one audit event; while the database is away (up to four minutes) it is retried instead of dead-lettered. */
    @Incoming("audit-events-in")
    @Blocking
    @Retry(
            maxRetries = -1,
            delay = 1,
            delayUnit = ChronoUnit.SECONDS,
            maxDuration = 4,
            durationUnit = ChronoUnit.MINUTES)
    @RetryWhen(exception = DatabaseUnavailable.class)
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
