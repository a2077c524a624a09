package io.penguinmails.analytics.service;

import io.penguinmails.analytics.Aggregate;
import io.penguinmails.analytics.Attribution;
import io.penguinmails.analytics.Engagement;
import io.penguinmails.analytics.Metric;
import io.penguinmails.analytics.TableSet;
import io.penguinmails.analytics.WarmupMetric;
import io.penguinmails.analytics.messaging.AnalyticsRecord;
import io.penguinmails.analytics.repository.AggregateRepository;
import io.penguinmails.analytics.repository.ProcessedEventRepository;
import io.penguinmails.analytics.repository.RebuildTablesRepository;
import io.penguinmails.analytics.repository.TenantSettingsRepository;
import io.penguinmails.analytics.repository.UniqueEngagementRepository;
import io.penguinmails.contracts.AnalyticsEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Counts validated {@code analytics.events} into every {@link Aggregate}, exactly once per event id, a batch at a
 * time: one transaction and a fixed handful of multi-row statements per batch, whatever its size. Warm-up traffic
 * ({@code warmup: true}) goes through the same ledger, unique engagements and transaction, but counts only in
 * {@code warmup_daily_stats} and the warm-up columns of {@code daily_analytics}.
 */
@ApplicationScoped
public class AggregationService {

    private final ProcessedEventRepository processedEvents;
    private final UniqueEngagementRepository engagements;
    private final TenantSettingsRepository settings;
    private final AggregateRepository aggregates;
    private final RebuildTablesRepository rebuildTables;

    AggregationService(
            ProcessedEventRepository processedEvents,
            UniqueEngagementRepository engagements,
            TenantSettingsRepository settings,
            AggregateRepository aggregates,
            RebuildTablesRepository rebuildTables) {
        this.processedEvents = processedEvents;
        this.engagements = engagements;
        this.settings = settings;
        this.aggregates = aggregates;
        this.rebuildTables = rebuildTables;
    }

    /**
     * Counts a batch. The ledger rows, the engagement rows and every aggregate commit together, so a crash cannot
     * count part of a batch, the aggregates always agree with each other, and a redelivered event (same id, in this
     * batch or a later one) changes nothing. A repeated open or click of the same message is recorded as processed
     * but counted nowhere; within a batch the first in record order is the one that counts.
     *
     * @param records bodies already validated against their schema, in the order they were consumed
     * @param tables the live tables, or a rebuild's shadow tables
     */
    @Transactional
    public BatchOutcome countBatch(List<AnalyticsRecord> records, TableSet tables) {
        if (tables == TableSet.LIVE) {
            rebuildTables.holdSharedSwapLock();
        }
        Map<String, AnalyticsEvent> distinct = new LinkedHashMap<>();
        records.forEach(record -> distinct.putIfAbsent(record.eventId(), record.event()));
        Set<String> fresh = processedEvents.markProcessed(tables, ledgerRows(distinct));
        List<AnalyticsEvent> countable = countable(tables, distinct, fresh);
        addToAggregates(tables, countable);
        return new BatchOutcome(fresh.size(), records.size() - fresh.size());
    }

    private static List<ProcessedEventRepository.Processed> ledgerRows(Map<String, AnalyticsEvent> events) {
        return events.entrySet().stream()
                .map(entry -> new ProcessedEventRepository.Processed(
                        entry.getKey(),
                        UUID.fromString(entry.getValue().tenantId()),
                        entry.getValue().eventType()))
                .toList();
    }

    /** The new events that count: all but the repeated opens and clicks of a message. */
    private List<AnalyticsEvent> countable(TableSet tables, Map<String, AnalyticsEvent> events, Set<String> fresh) {
        Map<Engagement, AnalyticsEvent> firstInBatch = new LinkedHashMap<>();
        List<AnalyticsEvent> newEvents = events.entrySet().stream()
                .filter(entry -> fresh.contains(entry.getKey()))
                .map(Map.Entry::getValue)
                .toList();
        for (AnalyticsEvent event : newEvents) {
            Engagement engagement = engagementOf(event);
            if (engagement != null) {
                firstInBatch.putIfAbsent(engagement, event);
            }
        }
        Set<Engagement> firsts = engagements.firsts(
                tables,
                firstInBatch.entrySet().stream()
                        .map(entry -> new UniqueEngagementRepository.Hit(
                                entry.getKey(), entry.getValue().occurredAt()))
                        .toList());
        return newEvents.stream()
                .filter(event -> {
                    Engagement engagement = engagementOf(event);
                    return engagement == null || (firsts.contains(engagement) && firstInBatch.get(engagement) == event);
                })
                .toList();
    }

    /** The message engagement an event is, or null when it counts per event (not an open or click, or no key). */
    private static Engagement engagementOf(AnalyticsEvent event) {
        Metric metric = Metric.forEventType(event.eventType());
        String messageKey = Attribution.messageKey(event);
        if (!metric.uniquePerMessage() || messageKey == null) {
            return null;
        }
        return new Engagement(UUID.fromString(event.tenantId()), metric.eventType(), messageKey);
    }

    /** Warm-up mail is not campaign mail: it counts in the warm-up counters only, never in a funnel or volume. */
    private static void add(AggregateDeltas deltas, AnalyticsEvent event, Attribution attribution) {
        if (event.warmupTraffic()) {
            deltas.add(attribution, WarmupMetric.forEventType(event.eventType()));
        } else {
            deltas.add(attribution, Metric.forEventType(event.eventType()));
        }
    }

    private void addToAggregates(TableSet tables, List<AnalyticsEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        Map<UUID, ZoneId> zones = settings.timeZones(events.stream()
                .map(event -> UUID.fromString(event.tenantId()))
                .distinct()
                .toList());
        AggregateDeltas deltas = new AggregateDeltas();
        for (AnalyticsEvent event : events) {
            ZoneId zone = zones.get(UUID.fromString(event.tenantId()));
            add(deltas, event, Attribution.of(event, zone));
        }
        for (Aggregate aggregate : Aggregate.values()) {
            aggregates.add(tables, aggregate, deltas.of(aggregate));
        }
    }
}
