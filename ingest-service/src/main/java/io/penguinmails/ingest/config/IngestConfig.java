package io.penguinmails.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the ingest pipeline. */
@ConfigMapping(prefix = "penguin.ingest")
public interface IngestConfig {

    /** Largest raw message accepted, in bytes; a larger one is refused with 413. */
    @WithDefault("52428800")
    long maxMessageBytes();

    /** Publishing attempts before a job is dead. */
    @WithDefault("5")
    int maxAttempts();

    /** Wait before the first retry; each further retry doubles it. */
    @WithDefault("1s")
    Duration retryBackoff();

    /** Wait before publishing again a job the broker could not take (away or overloaded); it costs no attempt. */
    @WithDefault("5s")
    Duration brokerRetry();

    /** How long a claimed job stays invisible to other relays before it is claimed again. */
    @WithDefault("60s")
    Duration claimLease();

    /**
     * How often the relay looks for retries and leftovers; new jobs are published at once. Read by the scheduler
     * as {@code penguin.ingest.relay-interval}.
     */
    @WithDefault("1s")
    String relayInterval();

    /** Jobs of concurrent requests recorded with one statement and one commit at most (group commit). */
    @WithDefault("64")
    int jobGroupMax();

    /** Jobs one relay run claims at most. */
    @WithDefault("100")
    int relayBatchSize();

    /** Distinct bearer tokens whose verification is remembered, so a client's token is verified once, not per post. */
    @WithDefault("10000")
    int verifiedTokens();

    /** How long a verified token is remembered at most; never past its own expiry. */
    @WithDefault("5m")
    Duration verifiedTokenTtl();

    /** The value of the envelope's {@code ce_source}. */
    @WithDefault("/ingest-service")
    String eventSource();
}
