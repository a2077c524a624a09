package io.penguinmails.ingest.service.imap;

import java.time.Instant;
import java.util.UUID;

/**
 * A mailbox ingest polls, as {@code mailbox.changes} last described it, with the state of its polling.
 *
 * @param emailAccountId campaign's id of the mailbox, the key of {@code mailbox.changes}
 * @param status {@code active} (polled) or {@code paused}
 * @param imap where and how to log in; null when the mailbox has no IMAP settings (it is not polled)
 * @param passwordEncrypted the password as campaign encrypted it ({@code v1:...}); decrypted only to log in
 * @param consecutiveFailures failed polls since the last success; drives the backoff
 * @param nextAttemptAt when the mailbox is due next (or until when a replica holds it)
 */
public record Mailbox(
        String emailAccountId,
        UUID tenantId,
        String email,
        String status,
        Imap imap,
        String passwordEncrypted,
        Instant lastPolledAt,
        Instant lastSuccessAt,
        String lastError,
        Instant lastErrorAt,
        int consecutiveFailures,
        Instant nextAttemptAt) {

    /** Mailbox statuses. */
    public static final String ACTIVE = "active";

    public static final String PAUSED = "paused";

    /**
     * IMAP settings.
     *
     * @param security {@code tls} (IMAPS), {@code starttls} or {@code none} (plain, for tests and local servers)
     */
    public record Imap(String host, int port, String security, String username) {}

    /** What the API shows about polling: paused, unconfigured, pending (never polled yet), error or ok. */
    public String pollState() {
        if (PAUSED.equals(status)) {
            return "paused";
        }
        if (imap == null) {
            return "unconfigured";
        }
        if (consecutiveFailures > 0) {
            return "error";
        }
        return lastSuccessAt == null ? "pending" : "ok";
    }
}
