package io.penguinmails.analytics;

import io.penguinmails.contracts.AnalyticsEvent;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

/**
 * Where an event counts: its tenant, campaign, mailbox, sequence step and the tenant-local day it occurred on.
 *
 * @param tenantId the event's tenant
 * @param campaignId the campaign, or {@code ""} when the event is not attributed to one
 * @param mailboxId the mailbox (email account), or {@code ""} when not attributed
 * @param stepId the sequence step, or {@code ""} when not attributed
 * @param date the day of {@code occurred_at} in the tenant's time zone
 */
public record Attribution(UUID tenantId, String campaignId, String mailboxId, String stepId, LocalDate date) {

    /** Not attributed: stored as an empty string so the tables' unique keys merge such events. */
    public static final String UNATTRIBUTED = "";

    /**
     * The attribution of an event for a tenant living in {@code zone}. Warm-up traffic belongs to no campaign or
     * step even when its producer names one: it is not campaign mail, and its {@code daily_analytics} counts must
     * not appear under a campaign.
     */
    public static Attribution of(AnalyticsEvent event, ZoneId zone) {
        boolean warmup = event.warmupTraffic();
        return new Attribution(
                UUID.fromString(event.tenantId()),
                warmup ? UNATTRIBUTED : orUnattributed(event.campaignId()),
                orUnattributed(event.emailAccountId()),
                warmup ? UNATTRIBUTED : orUnattributed(event.stepId()),
                LocalDate.ofInstant(event.occurredAt(), zone));
    }

    /**
     * The message an open or click belongs to: its {@code storage_key}, else its lead and step (one email per lead
     * and step); {@code null} when the event names neither, so it cannot be told apart from other hits.
     */
    public static String messageKey(AnalyticsEvent event) {
        if (event.storageKey() != null) {
            return event.storageKey();
        }
        if (event.leadId() != null && event.stepId() != null) {
            return "lead:" + event.leadId() + "/" + orUnattributed(event.campaignId()) + "/" + event.stepId();
        }
        return null;
    }

    private static String orUnattributed(String id) {
        return id == null ? UNATTRIBUTED : id;
    }
}
