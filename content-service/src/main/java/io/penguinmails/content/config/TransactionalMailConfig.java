package io.penguinmails.content.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the transactional email queue and its sender; the SMTP server itself is {@code quarkus.mailer.*}. */
@ConfigMapping(prefix = "penguin.transactional")
public interface TransactionalMailConfig {

    /** The From of every transactional email, e.g. {@code PenguinMails <no-reply@example.com>}. */
    @WithDefault("PenguinMails <no-reply@penguinmails.local>")
    String from();

    /** How often the sender looks for due mail (a Quarkus scheduler interval, or {@code off}). */
    @WithDefault("5s")
    String sendEvery();

    /** Rows one claim takes: small, so that a slow SMTP server never holds many rows in {@code sending}. */
    @WithDefault("20")
    int batchSize();

    /** Sends tried before a transiently failing email is given up as {@code failed}. */
    @WithDefault("5")
    int maxAttempts();

    /** Wait after the first transient failure; it doubles with each further attempt. */
    @WithDefault("30s")
    Duration backoffBase();

    /** Longest wait between two attempts. */
    @WithDefault("1h")
    Duration backoffMax();

    /**
     * How long a row may stay {@code sending} before its sender is taken to have stopped mid-send. A claimed batch is
     * sent one mail after another, each bounded by {@code quarkus.mailer.timeout}, so this must exceed batch size times
     * that timeout (20 x 30 s = 10 min by default).
     */
    @WithDefault("30m")
    Duration sendingTimeout();

    /**
     * Days a sent or failed email is kept before the purge deletes it (its idempotency key is free again then); queued
     * and sending emails are kept whatever their age.
     */
    @WithDefault("90")
    int keepDays();

    /** How often finished emails past {@code keep-days} are deleted (a Quarkus scheduler interval, or {@code off}). */
    @WithDefault("1h")
    String purgeEvery();

    /** Rows deleted per statement, so that a purge never holds locks on many rows at once. */
    @WithDefault("500")
    int purgeBatchSize();
}
