package io.penguinmails.analytics.rest;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.math.BigDecimal;

/**
 * A tenant's counts over all campaigns, mailboxes and days, with rates as percents of {@code sent} (2 decimals).
 * {@code received} counts inbound mail and has no rate, since it is not a share of what was sent.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record OverviewView(
        long sent,
        long delivered,
        long opened,
        long clicked,
        long replied,
        long bounced,
        long unsubscribed,
        long complained,
        long received,
        BigDecimal deliveryRate,
        BigDecimal openRate,
        BigDecimal clickRate,
        BigDecimal replyRate,
        BigDecimal bounceRate,
        BigDecimal unsubscribeRate,
        BigDecimal complaintRate) {}
