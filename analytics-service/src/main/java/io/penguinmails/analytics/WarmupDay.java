package io.penguinmails.analytics;

import java.time.LocalDate;

/**
 * One row of {@code warmup_daily_stats}: a mailbox's warm-up traffic on one tenant-local day.
 *
 * @param date the tenant-local day
 * @param emailsSent warm-up mails the mailbox sent
 * @param opensReceived opens of its warm-up mails (once per message when the events identify it)
 * @param repliesReceived replies to its warm-up mails
 * @param reputationScore the day's share of warm-up mails engaged with, 0 to 100, as the database derives it
 */
public record WarmupDay(
        LocalDate date, long emailsSent, long opensReceived, long repliesReceived, int reputationScore) {}
