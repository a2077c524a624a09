package io.penguinmails.analytics.rest;

import jakarta.ws.rs.BadRequestException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * An inclusive range of UTC days taken from the {@code from} and {@code to} query parameters.
 *
 * @param from the first day
 * @param to the last day
 */
public record DateRange(LocalDate from, LocalDate to) {

    /** Without {@code from}, the range covers this many days up to {@code to}. */
    static final int DEFAULT_DAYS = 30;
    /** A longer range is refused so that one request cannot scan a tenant's whole history day by day. */
    static final int MAX_DAYS = 366;

    /**
     * Reads a range; {@code to} defaults to {@code today}, {@code from} to {@link #DEFAULT_DAYS} days ending at
     * {@code to}.
     *
     * @throws BadRequestException when a date is not {@code YYYY-MM-DD}, {@code from} is after {@code to}, or the
     *     range is longer than {@link #MAX_DAYS} days
     */
    public static DateRange parse(String from, String to, LocalDate today) {
        LocalDate last = isAbsent(to) ? today : date("to", to);
        LocalDate first = isAbsent(from) ? last.minusDays(DEFAULT_DAYS - 1) : date("from", from);
        if (first.isAfter(last)) {
            throw new BadRequestException("from " + first + " is after to " + last);
        }
        if (ChronoUnit.DAYS.between(first, last) + 1 > MAX_DAYS) {
            throw new BadRequestException("the range may span at most " + MAX_DAYS + " days");
        }
        return new DateRange(first, last);
    }

    private static boolean isAbsent(String value) {
        return value == null || value.isBlank();
    }

    private static LocalDate date(String name, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadRequestException(name + " must be a date as YYYY-MM-DD, got '" + value + "'");
        }
    }
}
