package io.penguinmails.analytics;

import io.penguinmails.contracts.AnalyticsEvent;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * The row of {@code daily_analytics} an event counts in.
 *
 * @param tenantId the event's tenant
 * @param campaignId the campaign, or {@code ""} when the event is not attributed to one
 * @param mailboxId the mailbox (email account), or {@code ""} when the event is not attributed to one
 * @param date the UTC day the event occurred on
 */
public record DailyKey(UUID tenantId, String campaignId, String mailboxId, LocalDate date) {

    /** Not attributed: stored as an empty string so the table's unique key merges such events. */
    public static final String UNATTRIBUTED = "";

    /** The row of an event. */
    public static DailyKey of(AnalyticsEvent event) {
        return new DailyKey(
                UUID.fromString(event.tenantId()),
                orUnattributed(event.campaignId()),
                orUnattributed(event.emailAccountId()),
                LocalDate.ofInstant(event.occurredAt(), ZoneOffset.UTC));
    }

    private static String orUnattributed(String id) {
        return id == null ? UNATTRIBUTED : id;
    }
}
