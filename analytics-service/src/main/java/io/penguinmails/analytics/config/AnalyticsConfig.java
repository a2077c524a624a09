package io.penguinmails.analytics.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;

/** The settings of analytics-service under {@code penguin.*}; each also reads from its environment variable. */
@ConfigMapping(prefix = "penguin")
public interface AnalyticsConfig {

    /**
     * The operator's admin token ({@code penguin.admin-token}, env {@code PENGUIN_ADMIN_TOKEN}), the same one
     * campaign-service accepts; it alone may rebuild the aggregates. Empty means nobody can.
     */
    Optional<String> adminToken();

    /** How a mailbox's health label is derived. */
    MailboxHealth mailboxHealth();

    /** How a rebuild replays {@code analytics.events}. */
    Rebuild rebuild();

    /** Thresholds of the mailbox health label under {@code penguin.mailbox-health.*}, in percent of sent mail. */
    interface MailboxHealth {

        /** From this bounce rate on a mailbox is {@code warning}: its sender reputation is starting to suffer. */
        @WithDefault("2")
        BigDecimal warningBounceRate();

        /** From this bounce rate on a mailbox is {@code critical}: providers start blocking such senders. */
        @WithDefault("5")
        BigDecimal criticalBounceRate();
    }

    /** Replay settings under {@code penguin.rebuild.*}. */
    interface Rebuild {

        /** How long one poll of the replaying consumer waits for records before polling again. */
        @WithDefault("PT0.5S")
        Duration pollTimeout();

        /** The longest a rebuild may take before it gives up (the tables then stay partly rebuilt; run it again). */
        @WithDefault("PT30M")
        Duration maxDuration();

        /**
         * The longest the final step may take: it blocks live counting while it replays what arrived since the
         * replay caught up and swaps the tables in, so it is normally a fraction of a second.
         */
        @WithDefault("PT2M")
        Duration swapTimeout();

        /** The most records one poll of the replay returns, i.e. the size of its batches. */
        @WithDefault("5000")
        int maxPollRecords();
    }
}
