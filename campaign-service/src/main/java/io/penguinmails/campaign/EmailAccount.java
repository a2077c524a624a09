package io.penguinmails.campaign;

import java.time.Instant;
import java.util.UUID;

/**
 * A tenant mailbox campaigns send from and ingest polls. Passwords are held encrypted ({@code v1:} AES-256-GCM).
 *
 * @param status active, paused, error or deleted
 * @param rampStart sends allowed on the day it was added (its limit on day n is min(daily_limit, rampStart + n *
 *     rampStep))
 * @param rampStep sends added per day since it was added
 * @param smtp how to send; always present
 * @param imap how to read replies; null when the mailbox has none
 */
public record EmailAccount(
        UUID id,
        UUID tenantId,
        UUID companyId,
        UUID domainId,
        String email,
        String fromName,
        String status,
        int dailyLimit,
        int rampStart,
        int rampStep,
        MailServer smtp,
        MailServer imap,
        String lastError,
        Instant created,
        Instant updated) {

    /**
     * The settings of one mail server.
     *
     * @param security none, starttls or tls
     * @param passwordEncrypted the encrypted password, null when none is stored
     */
    public record MailServer(String host, int port, String security, String username, String passwordEncrypted) {}
}
