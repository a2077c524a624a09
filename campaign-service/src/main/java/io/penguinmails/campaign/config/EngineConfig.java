package io.penguinmails.campaign.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The sequence engine and its SMTP sending, under {@code penguin.engine.*}. */
@ConfigMapping(prefix = "penguin.engine")
public interface EngineConfig {

    /**
     * Whether the scheduler runs engine passes every second ({@code penguin.engine.scheduler-enabled}); tests that
     * drive passes themselves turn it off.
     */
    @WithDefault("true")
    boolean schedulerEnabled();

    /** How many due enrollments one claim transaction takes ({@code penguin.engine.batch-size}). */
    @WithDefault("200")
    int batchSize();

    /** How many batches one scheduled run drains at most before yielding ({@code penguin.engine.max-batches-per-run}). */
    @WithDefault("50")
    int maxBatchesPerRun();

    /** Threads sending over SMTP in parallel ({@code penguin.engine.sender-threads}). */
    @WithDefault("8")
    int senderThreads();

    /**
     * How long a claimed send may wait for its SMTP call to start, and again how long it may stay unsettled once
     * started, before any pass recovers it ({@code penguin.engine.send-lease}): a claim that never started is handed
     * back and sent normally (its old sender, finding it gone at the start mark, drops it); a started one is settled
     * as sent with an unknown outcome. Renewed at the start mark, so a long queue never eats into the SMTP time; it
     * must exceed one SMTP exchange (connect and read timeouts, a wait for a pooled connection) so a live sender
     * always settles first.
     */
    @WithDefault("PT10M")
    Duration sendLease();

    /** Attempts of a step after transient SMTP failures before the lead is failed ({@code penguin.engine.max-attempts}). */
    @WithDefault("5")
    int maxAttempts();

    /** The first retry delay after a transient failure; it doubles per attempt ({@code penguin.engine.retry-backoff}). */
    @WithDefault("PT5M")
    Duration retryBackoff();

    /** When a lead's sticky mailbox is paused or errored, how long until the engine looks again. */
    @WithDefault("PT30M")
    Duration mailboxUnavailableRetry();

    /** Spacing defaults for new campaigns that give none: the least random delay between two sends of a mailbox. */
    @WithDefault("60")
    int defaultMinSpacingSeconds();

    /** Spacing defaults for new campaigns that give none: the largest random delay between two sends of a mailbox. */
    @WithDefault("300")
    int defaultMaxSpacingSeconds();

    /** SMTP connect timeout ({@code penguin.engine.smtp-connect-timeout}). */
    @WithDefault("PT10S")
    Duration smtpConnectTimeout();

    /** SMTP read timeout ({@code penguin.engine.smtp-read-timeout}). */
    @WithDefault("PT30S")
    Duration smtpReadTimeout();

    /** Pooled SMTP connections per mailbox ({@code penguin.engine.smtp-pool-size}). */
    @WithDefault("4")
    int smtpPoolSize();

    /** The engine's clock; by default the system clock in UTC. */
    ClockSettings clock();

    /** A shifted or accelerated clock for tests over the packaged service. */
    interface ClockSettings {

        /**
         * The instant the engine clock starts from ({@code penguin.engine.clock.origin}); with {@code speed} 1 and no
         * origin the clock is the system clock. The engine's now is {@code origin + (wall - origin) * speed}, so a
         * restart continues the same timeline.
         */
        Optional<Instant> origin();

        /** How many engine seconds pass per wall-clock second ({@code penguin.engine.clock.speed}). */
        @WithDefault("1")
        long speed();
    }
}
