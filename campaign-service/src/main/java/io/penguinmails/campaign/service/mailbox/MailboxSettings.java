package io.penguinmails.campaign.service.mailbox;

import java.util.UUID;

/**
 * The checked settings of a mailbox to create or to store over an existing one.
 *
 * @param email the lower-cased address
 * @param rampStart sends allowed on the day the mailbox was added (at least 1)
 * @param rampStep sends added per day after that (at least 0)
 * @param imap null when the mailbox has no IMAP access
 */
public record MailboxSettings(
        String email,
        String fromName,
        int dailyLimit,
        int rampStart,
        int rampStep,
        UUID companyId,
        Server smtp,
        Server imap) {

    /**
     * One server's settings.
     *
     * @param security none, starttls or tls
     * @param password the clear password; null keeps the stored one (or stores none for a new mailbox)
     */
    public record Server(String host, int port, String security, String username, String password) {}
}
