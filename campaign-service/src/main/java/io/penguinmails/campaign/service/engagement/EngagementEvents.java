package io.penguinmails.campaign.service.engagement;

import io.penguinmails.campaign.OutboxRecord;
import io.penguinmails.campaign.SentMessage;
import io.penguinmails.campaign.repository.OutboxRepository;
import io.penguinmails.contracts.AnalyticsEvent;
import io.penguinmails.contracts.EventJson;
import io.penguinmails.contracts.EventSchemas;
import io.penguinmails.contracts.NotificationEvent;
import io.penguinmails.contracts.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Queues the analytics events and notifications of the engagement loop in the outbox, in the caller's transaction. */
@ApplicationScoped
public class EngagementEvents {

    /** The {@code ce_type} of analytics records. */
    public static final String ANALYTICS_TYPE =
            "io.penguinmails." + Topics.ANALYTICS_EVENTS + ".v" + AnalyticsEvent.SCHEMA_VERSION;
    /** The {@code ce_type} of notification records. */
    public static final String NOTIFICATION_TYPE =
            "io.penguinmails." + Topics.NOTIFICATIONS + ".v" + NotificationEvent.SCHEMA_VERSION;

    private final OutboxRepository outbox;

    EngagementEvents(OutboxRepository outbox) {
        this.outbox = outbox;
    }

    /**
     * Queues an analytics event attributed to the campaign, step, mailbox and lead of {@code message}.
     *
     * @param storageKey the message it counts against; analytics counts opens and clicks once per key
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void analytics(String eventType, SentMessage message, String storageKey, Instant occurredAt) {
        AnalyticsEvent event = new AnalyticsEvent(
                AnalyticsEvent.SCHEMA_VERSION,
                eventType,
                message.tenantId().toString(),
                occurredAt,
                text(message.campaignId()),
                text(message.stepId()),
                text(message.emailAccountId()),
                text(message.leadId()),
                storageKey);
        queue(message.tenantId(), Topics.ANALYTICS_EVENTS, ANALYTICS_TYPE, EventJson.write(event));
    }

    /** Queues a warning notification for the tenant's users about {@code subjectId}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void warn(
            UUID tenantId, String kind, String title, String body, String subjectId, Map<String, String> details) {
        NotificationEvent event = new NotificationEvent(
                NotificationEvent.SCHEMA_VERSION,
                tenantId.toString(),
                kind,
                "warning",
                title,
                body,
                subjectId,
                details,
                Instant.now(),
                null);
        queue(tenantId, Topics.NOTIFICATIONS, NOTIFICATION_TYPE, EventJson.write(event));
    }

    private void queue(UUID tenantId, String topic, String type, String body) {
        // A body that breaks its schema is a bug here; failing rolls the change back instead of poisoning the topic.
        EventSchemas.requireValid(topic, body);
        outbox.insert(
                new OutboxRecord(UUID.randomUUID(), tenantId, topic, tenantId.toString(), type, body, Instant.now()));
    }

    private static String text(UUID id) {
        return id == null ? null : id.toString();
    }
}
