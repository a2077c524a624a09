package io.penguinmails.contracts;

import java.util.List;

/** The Kafka topics of the suite, with the dead-letter topic of each. */
public final class Topics {

    /** A parsed normal inbound email, keyed by storage_key. */
    public static final String MAIL_INBOUND = "mail.inbound";
    /** A parsed bounce or ARF complaint, keyed by storage_key. */
    public static final String MAIL_BOUNCE = "mail.bounce";
    /** A parsed auto-reply, keyed by storage_key. */
    public static final String MAIL_AUTOREPLY = "mail.autoreply";
    /** A sent campaign email, keyed by storage_key. */
    public static final String MAIL_OUTBOUND = "mail.outbound";
    /** Engagement and volume events, keyed by tenant_id. */
    public static final String ANALYTICS_EVENTS = "analytics.events";
    /** Mailbox lifecycle with IMAP settings, keyed by email_account id. */
    public static final String MAILBOX_CHANGES = "mailbox.changes";
    /** Administrative actions, keyed by tenant_id. */
    public static final String AUDIT_EVENTS = "audit.events";
    /** In-app notifications and operator alerts raised by a service for content-service to keep, keyed by tenant_id. */
    public static final String NOTIFICATIONS = "notifications";

    /** The main topics, in the order DESIGN.md lists them. */
    public static final List<String> MAIN = List.of(
            MAIL_INBOUND,
            MAIL_BOUNCE,
            MAIL_AUTOREPLY,
            MAIL_OUTBOUND,
            ANALYTICS_EVENTS,
            MAILBOX_CHANGES,
            AUDIT_EVENTS,
            NOTIFICATIONS);

    /** Largest record the mail topics accept; a 30 MB message with its attachments fits base64-encoded twice. */
    public static final int MAX_MESSAGE_BYTES = 100 * 1024 * 1024;

    private Topics() {}

    /** The dead-letter topic of a main topic. */
    public static String dlq(String topic) {
        return topic + ".dlq";
    }

    /** Every main topic followed by every dead-letter topic. */
    public static List<String> allWithDlq() {
        return java.util.stream.Stream.concat(MAIN.stream(), MAIN.stream().map(Topics::dlq))
                .toList();
    }
}
