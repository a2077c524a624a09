package io.penguinmails.analytics;

import java.sql.ResultSet;
import java.sql.SQLException;

/** How many events of each type were counted, for one day or summed over many. */
public record Counters(
        long sent,
        long delivered,
        long opened,
        long clicked,
        long replied,
        long bounced,
        long unsubscribed,
        long complained,
        long received) {

    /** Nothing counted. */
    public static final Counters ZERO = new Counters(0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** The counters of a result row that has one column per {@link Metric}. */
    public static Counters of(ResultSet row) throws SQLException {
        return new Counters(
                row.getLong(Metric.SENT.column()),
                row.getLong(Metric.DELIVERED.column()),
                row.getLong(Metric.OPENED.column()),
                row.getLong(Metric.CLICKED.column()),
                row.getLong(Metric.REPLIED.column()),
                row.getLong(Metric.BOUNCED.column()),
                row.getLong(Metric.UNSUBSCRIBED.column()),
                row.getLong(Metric.COMPLAINED.column()),
                row.getLong(Metric.RECEIVED.column()));
    }

    /** The sum of two counters, e.g. to check that parts add up to a whole. */
    public Counters plus(Counters other) {
        return new Counters(
                sent + other.sent,
                delivered + other.delivered,
                opened + other.opened,
                clicked + other.clicked,
                replied + other.replied,
                bounced + other.bounced,
                unsubscribed + other.unsubscribed,
                complained + other.complained,
                received + other.received);
    }
}
