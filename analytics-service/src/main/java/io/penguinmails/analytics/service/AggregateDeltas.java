package io.penguinmails.analytics.service;

import io.penguinmails.analytics.Aggregate;
import io.penguinmails.analytics.Attribution;
import io.penguinmails.analytics.Metric;
import io.penguinmails.analytics.WarmupMetric;
import io.penguinmails.analytics.repository.AggregateRepository;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A batch's counts summed in memory per aggregate row, so each row is written once per batch. */
final class AggregateDeltas {

    /** Rows in one total order, so that concurrent batches lock the rows they share in the same order. */
    private static final Comparator<AggregateRepository.Delta> ROW_ORDER = Comparator.comparing(
                    (AggregateRepository.Delta row) -> row.tenantId())
            .thenComparing(row -> row.keyValues().toString());

    private final Map<Aggregate, Map<List<Object>, int[]>> rows = new EnumMap<>(Aggregate.class);

    /** Counts one event that is not warm-up traffic with this attribution in every aggregate of such events. */
    void add(Attribution attribution, Metric metric) {
        for (Aggregate aggregate : Aggregate.NOT_WARMUP) {
            increment(aggregate, attribution, metric.column());
        }
    }

    /**
     * Counts one warm-up event in {@code warmup_daily_stats} and, for opens and replies, in the warm-up columns of
     * its {@code daily_analytics} row (the same row map as the other events', so that row is still written once).
     */
    void add(Attribution attribution, WarmupMetric metric) {
        metric.dailyColumn().ifPresent(column -> increment(Aggregate.DAILY, attribution, column));
        increment(Aggregate.WARMUP, attribution, metric.column());
    }

    /** The rows of one aggregate with what to add to each, in {@link #ROW_ORDER}. */
    List<AggregateRepository.Delta> of(Aggregate aggregate) {
        return rows.getOrDefault(aggregate, Map.of()).entrySet().stream()
                .map(row -> new AggregateRepository.Delta(
                        (UUID) row.getKey().get(0),
                        row.getKey().subList(1, row.getKey().size()),
                        row.getValue()))
                .sorted(ROW_ORDER)
                .toList();
    }

    private void increment(Aggregate aggregate, Attribution attribution, String column) {
        List<Object> key = new ArrayList<>(aggregate.keyColumns().size() + 1);
        key.add(attribution.tenantId());
        key.addAll(aggregate.keyValues(attribution));
        rows.computeIfAbsent(aggregate, unused -> new HashMap<>())
                .computeIfAbsent(
                        key, unused -> new int[aggregate.counterColumns().size()])[aggregate.counterIndex(column)]++;
    }
}
