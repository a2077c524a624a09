package io.penguinmails.analytics.service;

import io.penguinmails.analytics.DailyKey;
import io.penguinmails.analytics.Metric;
import io.penguinmails.analytics.repository.DailyAnalyticsRepository;
import io.penguinmails.analytics.repository.ProcessedEventRepository;
import io.penguinmails.contracts.AnalyticsEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.UUID;

/** Counts validated {@code analytics.events} into {@code daily_analytics}, exactly once per event id. */
@ApplicationScoped
public class AggregationService {

    private final ProcessedEventRepository processedEvents;
    private final DailyAnalyticsRepository dailyAnalytics;

    AggregationService(ProcessedEventRepository processedEvents, DailyAnalyticsRepository dailyAnalytics) {
        this.processedEvents = processedEvents;
        this.dailyAnalytics = dailyAnalytics;
    }

    /**
     * Counts one event. The ledger row and the counter commit together, so a crash between them cannot count an
     * event twice or lose it, and a redelivered event (same id) changes nothing.
     *
     * @param eventId the event's {@code ce_id}
     * @param event a body already validated against its schema
     * @return {@code true} when counted, {@code false} when the id had been counted before
     */
    @Transactional
    public boolean count(String eventId, AnalyticsEvent event) {
        Metric metric = Metric.forEventType(event.eventType());
        UUID tenantId = UUID.fromString(event.tenantId());
        if (!processedEvents.markProcessed(eventId, tenantId, event.eventType())) {
            return false;
        }
        dailyAnalytics.increment(DailyKey.of(event), metric);
        return true;
    }
}
