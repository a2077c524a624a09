package io.penguinmails.analytics.rest;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One day of one campaign and mailbox in {@code GET /v1/analytics/daily}. {@code campaign_id} and {@code mailbox_id}
 * are null for events not attributed to a campaign or mailbox; rates are percents of {@code sent} with 2 decimals.
 * {@code warmup_opens} and {@code warmup_replies} count the mailbox's warm-up traffic, which is in no other counter
 * (its rows have no campaign).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DayView(
        LocalDate date,
        String campaignId,
        String mailboxId,
        long sent,
        long delivered,
        long opened,
        long clicked,
        long replied,
        long bounced,
        long unsubscribed,
        long complained,
        long received,
        long warmupOpens,
        long warmupReplies,
        BigDecimal openRate,
        BigDecimal clickRate,
        BigDecimal bounceRate,
        BigDecimal replyRate) {}
