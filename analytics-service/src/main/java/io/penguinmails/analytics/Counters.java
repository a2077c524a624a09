package io.penguinmails.analytics;

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
        long received) {}
