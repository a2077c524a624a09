package io.penguinmails.ingest.service.imap;

/** The mailbox was paused or deleted while it was being polled; the poll stops and its last message is undone. */
public class MailboxStoppedException extends RuntimeException {

    public MailboxStoppedException(String emailAccountId) {
        super("mailbox " + emailAccountId + " was paused or deleted during the poll");
    }
}
