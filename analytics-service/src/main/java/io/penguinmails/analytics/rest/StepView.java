package io.penguinmails.analytics.rest;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.math.BigDecimal;

/**
 * One sequence step of a campaign, summed over all days; {@code step_id} is null for the campaign's events without a
 * step. Opens and clicks are unique per message; rates are percents of {@code sent} with 2 decimals.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record StepView(
        String stepId,
        long sent,
        long delivered,
        long opened,
        long clicked,
        long replied,
        long bounced,
        long unsubscribed,
        long complained,
        BigDecimal openRate,
        BigDecimal clickRate,
        BigDecimal replyRate,
        BigDecimal bounceRate) {}
