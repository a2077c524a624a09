package io.penguinmails.analytics.service;

import io.penguinmails.analytics.Aggregate;
import io.penguinmails.analytics.Attribution;
import io.penguinmails.analytics.Metric;
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

    /** Counts one event with this attribution in every aggregate. */
    void add(Attribution attribution, Metric metric) {
        for (Aggregate aggregate : Aggregate.values()) {
            List<Object> key = new ArrayList<>(aggregate.keyColumns().size() + 1);
            key.add(attribution.tenantId());
            key.addAll(aggregate.keyValues(attribution));
            rows.computeIfAbsent(aggregate, unused -> new HashMap<>())
                    .computeIfAbsent(key, unused -> new int[Metric.values().length])[metric.ordinal()]++;
        }
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
}
