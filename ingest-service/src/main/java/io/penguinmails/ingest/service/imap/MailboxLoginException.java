package io.penguinmails.ingest.service.imap;

/** A mailbox cannot be logged in to for a reason on our side (no key, undecryptable password); it is retried later. */
public class MailboxLoginException extends RuntimeException {

    public MailboxLoginException(String message) {
        super(message);
    }
}
