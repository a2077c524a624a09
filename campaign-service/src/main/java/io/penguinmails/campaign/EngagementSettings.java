package io.penguinmails.campaign;

import java.math.BigDecimal;

/**
 * A campaign's own engagement rules.
 *
 * @param bounceShieldThreshold the hard-bounce rate (a fraction, 0.05 = 5 %) over recent sends above which the bounce
 *     shield pauses the campaign
 * @param oooPauseDays how many days an out-of-office without a stated return date pauses the lead
 */
public record EngagementSettings(BigDecimal bounceShieldThreshold, int oooPauseDays) {

    /** The column defaults of {@code campaigns}: 5 % and 7 days. */
    public static final EngagementSettings DEFAULTS = new EngagementSettings(new BigDecimal("0.05"), 7);
}
