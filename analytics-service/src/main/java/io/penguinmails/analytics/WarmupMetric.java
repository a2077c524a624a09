package io.penguinmails.analytics;

import io.penguinmails.contracts.InvalidEventException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The counters of warm-up traffic ({@code analytics.events} with {@code warmup: true}), one per warm-up
 * {@code event_type}. Warm-up mail is not campaign mail, so these never touch a {@link Metric} counter.
 */
public enum WarmupMetric {
    SENT("sent", "emails_sent", null),
    OPENED("opened", "opens_received", "warmup_opens"),
    REPLIED("replied", "replies_received", "warmup_replies");

    private final String eventType;
    private final String column;
    private final String dailyColumn;

    WarmupMetric(String eventType, String column, String dailyColumn) {
        this.eventType = eventType;
        this.column = column;
        this.dailyColumn = dailyColumn;
    }

    /** The counter's column in {@code warmup_daily_stats}; a fixed name, so it may be written into SQL text. */
    public String column() {
        return column;
    }

    /**
     * The counter's column in {@code daily_analytics}, which reserves columns for warm-up opens and replies only
     * (the design's {@code warmup_opens}, {@code warmup_replies}); warm-up sends are counted in
     * {@code warmup_daily_stats} alone.
     */
    public Optional<String> dailyColumn() {
        return Optional.ofNullable(dailyColumn);
    }

    /** Every counter column of {@code warmup_daily_stats}, in declaration order. */
    public static List<String> columns() {
        return Arrays.stream(values()).map(WarmupMetric::column).toList();
    }

    /** Every warm-up column of {@code daily_analytics}, in declaration order. */
    public static List<String> dailyColumns() {
        return Arrays.stream(values())
                .flatMap(metric -> metric.dailyColumn().stream())
                .toList();
    }

    /**
     * The counter of a warm-up event type.
     *
     * @throws InvalidEventException for a type warm-up traffic does not have (the schema refuses those already)
     */
    public static WarmupMetric forEventType(String eventType) {
        return Arrays.stream(values())
                .filter(metric -> metric.eventType.equals(eventType))
                .findFirst()
                .orElseThrow(() -> new InvalidEventException("event_type " + eventType + " is not a warm-up type"));
    }
}
