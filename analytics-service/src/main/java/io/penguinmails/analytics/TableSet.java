package io.penguinmails.analytics;

import java.util.List;

/**
 * Which copy of the counted tables a batch is written to: the live tables the API reads, or the shadow tables a
 * rebuild fills from the topic's beginning before it swaps them in.
 */
public enum TableSet {
    LIVE(""),
    SHADOW("_rebuild");

    /** The tables that exist in a live and a shadow copy; the ones a rebuild re-derives. */
    public static final List<String> REBUILT_TABLES = List.of(
            "daily_analytics",
            "campaign_analytics",
            "mailbox_analytics",
            "sequence_step_analytics",
            "warmup_daily_stats",
            "unique_engagements",
            "processed_events");

    private final String suffix;

    TableSet(String suffix) {
        this.suffix = suffix;
    }

    /** This copy's name of a table; a fixed name, so it may be written into SQL text. */
    public String of(String table) {
        return table + suffix;
    }
}
