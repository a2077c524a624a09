package io.penguinmails.analytics;

import java.util.List;
import java.util.function.Function;

/** The counter tables an event increments, each keyed by the tenant and some of the event's attribution. */
public enum Aggregate {
    DAILY(
            "daily_analytics",
            List.of("campaign_id", "mailbox_id", "date"),
            a -> List.of(a.campaignId(), a.mailboxId(), a.date())),
    CAMPAIGN("campaign_analytics", List.of("campaign_id"), a -> List.of(a.campaignId())),
    MAILBOX("mailbox_analytics", List.of("mailbox_id"), a -> List.of(a.mailboxId())),
    STEP("sequence_step_analytics", List.of("campaign_id", "step_id"), a -> List.of(a.campaignId(), a.stepId()));

    private final String table;
    private final List<String> keyColumns;
    private final Function<Attribution, List<Object>> keyValues;

    Aggregate(String table, List<String> keyColumns, Function<Attribution, List<Object>> keyValues) {
        this.table = table;
        this.keyColumns = keyColumns;
        this.keyValues = keyValues;
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
}
