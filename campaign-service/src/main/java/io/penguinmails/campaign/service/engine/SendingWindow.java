package io.penguinmails.campaign.service.engine;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;

/**
 * The hours emails may go out: on {@code days} (ISO, 1 = Monday), from {@code start} (inclusive) to {@code end}
 * (exclusive), local time in {@code zone}.
 */
public record SendingWindow(Set<Integer> days, LocalTime start, LocalTime end, ZoneId zone) {

    /** Whether an email may go out at that instant. */
    public boolean contains(Instant instant) {
        ZonedDateTime local = instant.atZone(zone);
        LocalTime time = local.toLocalTime();
        return days.contains(local.getDayOfWeek().getValue()) && !time.isBefore(start) && time.isBefore(end);
    }

    /** The next opening of the window after {@code instant} (a week ahead at most, since days is never empty). */
    public Instant nextOpening(Instant instant) {
        LocalDate today = instant.atZone(zone).toLocalDate();
        for (int offset = 0; offset <= 7; offset++) {
            LocalDate date = today.plusDays(offset);
            Instant opening = date.atTime(start).atZone(zone).toInstant();
            if (days.contains(dayNumber(date.getDayOfWeek())) && opening.isAfter(instant)) {
                return opening;
            }
        }
        throw new IllegalStateException("a sending window without days");
    }

    private static int dayNumber(DayOfWeek day) {
        return day.getValue();
    }
}
