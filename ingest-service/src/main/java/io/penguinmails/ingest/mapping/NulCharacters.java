package io.penguinmails.ingest.mapping;

import io.penguinmails.contracts.MailEvent;
import java.util.List;

/**
 * Replaces NUL characters in the text of an event with U+FFFD. Broken or hostile mail decodes to text holding NULs,
 * which PostgreSQL accepts in neither {@code text} nor {@code jsonb}: left in, the message could not be queued here
 * nor stored by content-service. The raw bytes travel untouched, base64-encoded.
 */
public final class NulCharacters {

    private static final char NUL = '\0';
    private static final char REPLACEMENT = '\uFFFD';

    private NulCharacters() {}

    /** The text with every NUL replaced by U+FFFD. */
    public static String clean(String text) {
        return text == null || text.indexOf(NUL) < 0 ? text : text.replace(NUL, REPLACEMENT);
    }

    static List<String> cleanAll(List<String> texts) {
        return texts == null ? null : texts.stream().map(NulCharacters::clean).toList();
    }

    static MailEvent.Address clean(MailEvent.Address address) {
        return address == null ? null : new MailEvent.Address(clean(address.address()), clean(address.name()));
    }

    static List<MailEvent.Address> cleanAddresses(List<MailEvent.Address> addresses) {
        return addresses == null
                ? null
                : addresses.stream().map(NulCharacters::clean).toList();
    }

    static List<MailEvent.Header> cleanHeaders(List<MailEvent.Header> headers) {
        return headers == null
                ? null
                : headers.stream()
                        .map(h -> new MailEvent.Header(clean(h.name()), clean(h.value())))
                        .toList();
    }

    static MailEvent.Bounce clean(MailEvent.Bounce bounce) {
        if (bounce == null) {
            return null;
        }
        List<MailEvent.BounceRecipient> recipients = bounce.recipients().stream()
                .map(r -> new MailEvent.BounceRecipient(
                        clean(r.recipient()), r.status(), r.replyCode(), r.reason(), r.hard(), clean(r.diagnostic())))
                .toList();
        return new MailEvent.Bounce(clean(bounce.originalMessageId()), clean(bounce.feedbackType()), recipients);
    }

    static MailEvent.AutoReply clean(MailEvent.AutoReply reply) {
        return reply == null ? null : new MailEvent.AutoReply(reply.kind(), clean(reply.returnDate()));
    }
}
