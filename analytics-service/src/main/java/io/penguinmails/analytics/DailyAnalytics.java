package io.penguinmails.analytics;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One row of {@code daily_analytics}.
 *
 * @param date the tenant-local day
 * @param campaignId the campaign, {@code ""} when not attributed
 * @param mailboxId the mailbox, {@code ""} when not attributed
 * @param counters the day's counts (warm-up traffic is never in them)
 * @param warmupOpens opens of the mailbox's warm-up mails that day
 * @param warmupReplies replies to the mailbox's warm-up mails that day
 * @param openRate opened as a percent of sent, as the database computes it
 * @param clickRate clicked as a percent of sent
 * @param bounceRate bounced as a percent of sent
 * @param replyRate replied as a percent of sent
 */
public record DailyAnalytics(
        LocalDate date,
        String campaignId,
        String mailboxId,
        Counters counters,
        long warmupOpens,
        long warmupReplies,
        BigDecimal openRate,
        BigDecimal clickRate,
        BigDecimal bounceRate,
        BigDecimal replyRate) {}
