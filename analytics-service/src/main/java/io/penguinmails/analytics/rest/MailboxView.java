package io.penguinmails.analytics.rest;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.math.BigDecimal;

/**
 * One mailbox (email account) over all days: its volume ({@code sent}), bounce and reply rates (percents of
 * {@code sent}, 2 decimals) and a {@code health} label: {@code healthy}, {@code warning}, {@code critical} or
 * {@code no_data}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record MailboxView(
        String mailboxId,
        long sent,
        long delivered,
        long bounced,
        long replied,
        long complained,
        long received,
        BigDecimal bounceRate,
        BigDecimal replyRate,
        String health) {}
