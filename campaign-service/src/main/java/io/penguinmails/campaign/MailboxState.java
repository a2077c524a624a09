package io.penguinmails.campaign;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A sending mailbox as the engine sees it: limits, spacing and SMTP settings (password still encrypted).
 *
 * @param createdDay the UTC day it was added, day 0 of its ramp
 * @param nextSendAt the earliest time it may send again (random spacing), or null
 * @param updated last change of the row; a changed mailbox gets a fresh SMTP mailer
 */
public record MailboxState(
        UUID id,
        UUID tenantId,
        String email,
        String fromName,
        String status,
        boolean deleted,
        int dailyLimit,
        int rampStart,
        int rampStep,
        String smtpHost,
        int smtpPort,
        String smtpSecurity,
        String smtpUsername,
        String smtpPasswordEncrypted,
        Instant nextSendAt,
        LocalDate createdDay,
        Instant updated) {

    /** Whether the engine may send from it at all. */
    public boolean usable() {
        return !deleted && "active".equals(status);
    }

    /** Its daily limit on {@code day}: {@code min(daily_limit, ramp_start + n * ramp_step)}, n days after creation. */
    public int limitOn(LocalDate day) {
        long n = Math.max(0, java.time.temporal.ChronoUnit.DAYS.between(createdDay, day));
        long ramped = rampStart + n * rampStep;
        return (int) Math.min(dailyLimit, ramped);
    }

    /** The domain part of its address, for Message-IDs. */
    public String domain() {
        int at = email.lastIndexOf('@');
        return at < 0 ? "localhost" : email.substring(at + 1).toLowerCase(java.util.Locale.ROOT);
    }
}
