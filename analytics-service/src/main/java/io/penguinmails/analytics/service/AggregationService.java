package io.penguinmails.analytics.service;

import io.penguinmails.analytics.Attribution;
import io.penguinmails.analytics.Metric;
import io.penguinmails.analytics.repository.AggregateRepository;
import io.penguinmails.analytics.repository.ProcessedEventRepository;
import io.penguinmails.analytics.repository.TenantSettingsRepository;
import io.penguinmails.analytics.repository.UniqueEngagementRepository;
import io.penguinmails.contracts.AnalyticsEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.UUID;

/**
 * Counts validated {@code analytics.events} into every {@link io.penguinmails.analytics.Aggregate}, exactly once per
 * event id.
 */
@ApplicationScoped
public class AggregationService {

    private final ProcessedEventRepository processedEvents;
    private final UniqueEngagementRepository engagements;
    private final TenantSettingsRepository settings;
    private final AggregateRepository aggregates;

    AggregationService(
            ProcessedEventRepository processedEvents,
            UniqueEngagementRepository engagements,
            TenantSettingsRepository settings,
            AggregateRepository aggregates) {
        this.processedEvents = processedEvents;
        this.engagements = engagements;
        this.settings = settings;
        this.aggregates = aggregates;
    }

    /**
     * Counts one event. The ledger row, the engagement row and every aggregate commit together, so a crash between
     * them cannot count an event twice or lose it, the aggregates always agree with each other, and a redelivered
     * event (same id) changes nothing. A repeated open or click of the same message is recorded as processed but
     * counted nowhere.
     *
     * @param eventId the event's {@code ce_id}
     * @param event a body already validated against its schema
     * @return {@code true} when processed now, {@code false} when the id had been processed before
     */
    @Transactional
    public boolean count(String eventId, AnalyticsEvent event) {
        Metric metric = Metric.forEventType(event.eventType());
        UUID tenantId = UUID.fromString(event.tenantId());
        if (!processedEvents.markProcessed(eventId, tenantId, event.eventType())) {
            return false;
        }
        if (isFirstOfMessage(tenantId, metric, event)) {
            aggregates.incrementAll(Attribution.of(event, settings.timeZone(tenantId)), metric);
        }
        return true;
    }

    private boolean isFirstOfMessage(UUID tenantId, Metric metric, AnalyticsEvent event) {
        String messageKey = Attribution.messageKey(event);
        if (!metric.uniquePerMessage() || messageKey == null) {
            return true;
        }
        return engagements.first(tenantId, metric.eventType(), messageKey, event.occurredAt());
    }
}
