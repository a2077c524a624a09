package io.penguinmails.analytics;

import io.penguinmails.contracts.InvalidEventException;
import java.util.Arrays;
import java.util.List;

/** The counters of the aggregate tables, one per {@code event_type} of {@code analytics.events}. */
public enum Metric {
    SENT("sent", "emails_sent"),
    DELIVERED("delivered", "emails_delivered"),
    OPENED("opened", "emails_opened"),
    CLICKED("clicked", "emails_clicked"),
    REPLIED("replied", "emails_replied"),
    BOUNCED("bounced", "emails_bounced"),
    UNSUBSCRIBED("unsubscribed", "emails_unsubscribed"),
    COMPLAINED("complained", "emails_complained"),
    RECEIVED("received", "emails_received");

    private final String eventType;
    private final String column;

    Metric(String eventType, String column) {
        this.eventType = eventType;
        this.column = column;
    }

    /** The {@code event_type} value that increments this counter. */
    public String eventType() {
        return eventType;
    }

    /**
     * Whether only the first such event of a message counts: a recipient who opens a mail five times opened one
     * mail, so opens and clicks are unique per message rather than per hit.
     */
    public boolean uniquePerMessage() {
        return this == OPENED || this == CLICKED;
    }

    /** The counter's column; a fixed name, so it may be written into SQL text. */
    public String column() {
        return column;
    }

    /** Every counter column, in declaration order. */
    public static List<String> columns() {
        return Arrays.stream(values()).map(Metric::column).toList();
    }

    /**
     * The counter of an event type.
     *
     * @throws InvalidEventException for a type this version does not count
     */
    public static Metric forEventType(String eventType) {
        return Arrays.stream(values())
                .filter(metric -> metric.eventType.equals(eventType))
                .findFirst()
                .orElseThrow(() -> new InvalidEventException("unknown event_type " + eventType));
    }
}
