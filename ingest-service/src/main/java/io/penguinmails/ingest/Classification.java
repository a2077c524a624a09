package io.penguinmails.ingest;

import io.penguinmails.contracts.MailEvent;

/**
 * What kind of message this is, with the bounce or auto-reply details that go with the kind.
 *
 * @param messageType {@code email}, {@code bounce}, {@code auto_reply} or {@code complaint}
 */
public record Classification(String messageType, MailEvent.Bounce bounce, MailEvent.AutoReply autoReply) {

    /** A normal message. */
    public static Classification email() {
        return new Classification("email", null, null);
    }
}
