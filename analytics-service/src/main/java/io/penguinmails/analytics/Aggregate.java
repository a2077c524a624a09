package io.penguinmails.analytics;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The counter tables an event increments, each keyed by the tenant and some of the event's attribution. */
public enum Aggregate {
    DAILY(
            "daily_analytics",
            List.of("campaign_id", "mailbox_id", "date"),
            a -> List.of(a.campaignId(), a.mailboxId(), a.date()),
            concat(Metric.columns(), WarmupMetric.dailyColumns())),
    CAMPAIGN("campaign_analytics", List.of("campaign_id"), a -> List.of(a.campaignId()), Metric.columns()),
    MAILBOX("mailbox_analytics", List.of("mailbox_id"), a -> List.of(a.mailboxId()), Metric.columns()),
    STEP(
            "sequence_step_analytics",
            List.of("campaign_id", "step_id"),
            a -> List.of(a.campaignId(), a.stepId()),
            Metric.columns()),
    WARMUP(
            "warmup_daily_stats",
            List.of("mailbox_id", "date"),
            a -> List.of(a.mailboxId(), a.date()),
            WarmupMetric.columns());

    /**
     * The aggregates every event that is not warm-up traffic counts in, at its {@link Metric}'s column. Warm-up
     * traffic counts in {@link #WARMUP} and in {@link #DAILY}'s warm-up columns only.
     */
    public static final List<Aggregate> NOT_WARMUP = List.of(DAILY, CAMPAIGN, MAILBOX, STEP);

    private final String table;
    private final List<String> keyColumns;
    private final Function<Attribution, List<Object>> keyValues;
    private final List<String> counterColumns;

    Aggregate(
            String table,
            List<String> keyColumns,
            Function<Attribution, List<Object>> keyValues,
            List<String> counterColumns) {
        this.table = table;
        this.keyColumns = keyColumns;
        this.keyValues = keyValues;
        this.counterColumns = counterColumns;
    }

    /** The table; a fixed name, so it may be written into SQL text. */
    public String table() {
        return table;
    }

    /** The key columns besides {@code tenant_id}, in the order of {@link #keyValues}. */
    public List<String> keyColumns() {
        return keyColumns;
    }

    /** The values of {@link #keyColumns} for an event's attribution. */
    public List<Object> keyValues(Attribution attribution) {
        return keyValues.apply(attribution);
    }

    /** The counter columns a batch adds to; fixed names, so they may be written into SQL text. */
    public List<String> counterColumns() {
        return counterColumns;
    }

    /**
     * The position of a counter column in {@link #counterColumns}.
     *
     * @throws IllegalArgumentException when this table has no such counter
     */
    public int counterIndex(String column) {
        int index = counterColumns.indexOf(column);
        if (index < 0) {
            throw new IllegalArgumentException(table + " has no counter " + column);
        }
        return index;
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return List.copyOf(all);
    }
}
