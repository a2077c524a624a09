package io.penguinmails.analytics.mapping;

import io.penguinmails.analytics.config.AnalyticsConfig;
import java.math.BigDecimal;

/**
 * A mailbox's health label from its bounce rate: {@code no_data} before anything was sent, {@code critical} from the
 * critical threshold on, {@code warning} from the warning threshold on, else {@code healthy}.
 */
public final class MailboxHealth {

    private MailboxHealth() {}

    /** The label of a mailbox that sent {@code sent} mails with this bounce rate (percent). */
    public static String label(long sent, BigDecimal bounceRate, AnalyticsConfig.MailboxHealth thresholds) {
        if (sent == 0) {
            return "no_data";
        }
        if (bounceRate.compareTo(thresholds.criticalBounceRate()) >= 0) {
            return "critical";
        }
        if (bounceRate.compareTo(thresholds.warningBounceRate()) >= 0) {
            return "warning";
        }
        return "healthy";
    }
}
