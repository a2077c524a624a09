package io.penguinmails.analytics.rest;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.math.BigDecimal;

/** A campaign's counts summed over all days, each with its rate: a percent of {@code sent} with 2 decimals. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CampaignView(
        String campaignId,
        long sent,
        long delivered,
        long opened,
        long clicked,
        long replied,
        long bounced,
        long unsubscribed,
        long complained,
        BigDecimal deliveryRate,
        BigDecimal openRate,
        BigDecimal clickRate,
        BigDecimal replyRate,
        BigDecimal bounceRate,
        BigDecimal unsubscribeRate,
        BigDecimal complaintRate) {}
