package io.penguinmails.ingest.service.parse;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Date headers: RFC 5322 (with its obsolete forms: two-digit years, named zones) exactly, and the broken dates
 * real mailers write (no zone, odd zone names, asctime, ISO 8601, AM/PM, missing comma or seconds) by picking out day,
 * month, year, time and zone wherever they stand.
 */
public final class LenientDate {

    private static final Pattern COMMENT = Pattern.compile("\\([^)]*\\)");
    private static final Pattern WORD_BREAK = Pattern.compile("[\\s,]+");
    private static final String MONTHS = "jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec";
    private static final Pattern STANDARD = Pattern.compile("(?:(?:mon|tue|wed|thu|fri|sat|sun)\\s*,\\s*)?"
            + "(\\d{1,2})\\s+(" + MONTHS + ")\\s+(\\d{2,4})\\s+(\\d{1,2}):(\\d{2})(?::(\\d{2}))?\\s+"
            + "([+-]\\d{4}|ut|gmt|[ecmp][sd]t|[a-ik-z])");
    private static final Pattern TIME = Pattern.compile("(\\d{1,2})[:.](\\d{2})(?:[:.](\\d{2}))?(?:\\.\\d+)?");
    private static final Pattern ISO_START = Pattern.compile("\\d{4}-\\d{2}-\\d{2}[t ]\\d");
    private static final Pattern NUMERIC_DATE = Pattern.compile("(\\d{1,4})[-./](\\d{1,2})[-./](\\d{1,4})");
    private static final Pattern NUMERIC_ZONE = Pattern.compile("(?:gmt|utc|ut)?([+-])(\\d{1,2}):?(\\d{2})?");
    private static final Map<String, Integer> ZONES = Map.ofEntries(
            Map.entry("ut", 0),
            Map.entry("utc", 0),
            Map.entry("gmt", 0),
            Map.entry("z", 0),
            Map.entry("wet", 0),
            Map.entry("west", 60),
            Map.entry("bst", 60),
            Map.entry("cet", 60),
            Map.entry("met", 60),
            Map.entry("mez", 60),
            Map.entry("cest", 120),
            Map.entry("mest", 120),
            Map.entry("mesz", 120),
            Map.entry("mes", 120),
            Map.entry("eet", 120),
            Map.entry("eest", 180),
            Map.entry("msk", 180),
            Map.entry("ist", 330),
            Map.entry("hkt", 480),
            Map.entry("sgt", 480),
            Map.entry("jst", 540),
            Map.entry("kst", 540),
            Map.entry("aest", 600),
            Map.entry("aedt", 660),
            Map.entry("nzst", 720),
            Map.entry("nzdt", 780),
            Map.entry("est", -300),
            Map.entry("edt", -240),
            Map.entry("cst", -360),
            Map.entry("cdt", -300),
            Map.entry("mst", -420),
            Map.entry("mdt", -360),
            Map.entry("pst", -480),
            Map.entry("pdt", -420),
            Map.entry("akst", -540),
            Map.entry("hst", -600));

    private LenientDate() {}

    /**
     * A read date.
     *
     * @param standard whether the value was RFC 5322, so nothing had to be guessed
     */
    public record Result(Instant instant, boolean standard) {}

    /** The instant the value names; empty when no date can be found in it. */
    public static Optional<Result> parse(String value) {
        String text = COMMENT.matcher(value).replaceAll(" ").strip().toLowerCase(Locale.ROOT);
        Matcher standard = STANDARD.matcher(text);
        try {
            if (standard.matches()) {
                return Optional.of(new Result(standard(standard), true));
            }
            return iso(text).or(() -> byParts(text)).map(instant -> new Result(instant, false));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private static Instant standard(Matcher m) {
        LocalDateTime time = LocalDateTime.of(
                year(m.group(3)),
                month(m.group(2)),
                Integer.parseInt(m.group(1)),
                Integer.parseInt(m.group(4)),
                Integer.parseInt(m.group(5)),
                m.group(6) == null ? 0 : Integer.parseInt(m.group(6)));
        return time.toInstant(zone(m.group(7)).orElse(ZoneOffset.UTC));
    }

    private static Optional<Instant> iso(String text) {
        if (!ISO_START.matcher(text).lookingAt()) {
            return Optional.empty();
        }
        try {
            return Optional.of(
                    OffsetDateTime.parse(text.toUpperCase(Locale.ROOT).replace(' ', 'T'))
                            .toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Finds the pieces of a date among the words of a broken value. */
    private static Optional<Instant> byParts(String text) {
        Parts parts = new Parts();
        for (String word : WORD_BREAK.split(text)) {
            parts.take(word);
        }
        return parts.instant();
    }

    /** RFC 5322 section 4.3: two-digit years below 50 are in this century, three-digit ones count from 1900. */
    static int year(String digits) {
        int year = Integer.parseInt(digits);
        if (digits.length() == 2) {
            return year < 50 ? 2000 + year : 1900 + year;
        }
        return digits.length() == 3 ? 1900 + year : year;
    }

    private static int month(String name) {
        return MONTHS.indexOf(name.substring(0, 3)) / 4 + 1;
    }

    /** A zone by name or number; military letters other than Z carry no reliable meaning and count as UTC. */
    static Optional<ZoneOffset> zone(String word) {
        Integer minutes = ZONES.get(word);
        if (minutes != null) {
            return Optional.of(ZoneOffset.ofTotalSeconds(minutes * 60));
        }
        if (word.length() == 1 && Character.isLetter(word.charAt(0))) {
            return Optional.of(ZoneOffset.UTC);
        }
        Matcher numeric = NUMERIC_ZONE.matcher(word);
        return numeric.matches() ? Optional.of(offset(numeric)) : Optional.empty();
    }

    private static ZoneOffset offset(Matcher numeric) {
        String hours = numeric.group(2);
        String minutes = numeric.group(3);
        if (minutes == null && hours.length() > 2) {
            minutes = hours.substring(hours.length() - 2);
            hours = hours.substring(0, hours.length() - 2);
        }
        int total = Integer.parseInt(hours) * 60 + (minutes == null ? 0 : Integer.parseInt(minutes));
        return ZoneOffset.ofTotalSeconds((numeric.group(1).equals("-") ? -total : total) * 60);
    }

    /** The date pieces found so far. */
    private static final class Parts {
        private Integer day;
        private Integer month;
        private Integer year;
        private int[] time;
        private ZoneOffset zone;

        void take(String word) {
            Matcher clock = TIME.matcher(word);
            if (time == null && clock.matches()) {
                time = new int[] {
                    Integer.parseInt(clock.group(1)),
                    Integer.parseInt(clock.group(2)),
                    clock.group(3) == null ? 0 : Integer.parseInt(clock.group(3))
                };
            } else if (month == null && word.length() >= 3 && MONTHS.contains(word.substring(0, 3))) {
                month = month(word);
            } else if (day == null && NUMERIC_DATE.matcher(word).matches()) {
                numericDate(word);
            } else if (word.matches("\\d{1,4}")) {
                number(word);
            } else if (time != null && (word.equals("am") || word.equals("pm"))) {
                time[0] = time[0] % 12 + (word.equals("pm") ? 12 : 0);
            } else if (zone == null && time != null) {
                zone = zone(word).orElse(null);
            }
        }

        private void number(String digits) {
            // "029" is a padded day, not a year: only four digits or a value past 31 name a year.
            if (day == null && digits.length() < 4 && Integer.parseInt(digits) <= 31) {
                day = Integer.parseInt(digits);
            } else if (year == null) {
                year = year(digits);
            }
        }

        /** 2026-11-23, 23.11.2026, 23/11/2026 or, when the day cannot be the month, 11/23/2026. */
        private void numericDate(String word) {
            Matcher date = NUMERIC_DATE.matcher(word);
            date.matches();
            int first = Integer.parseInt(date.group(1));
            int second = Integer.parseInt(date.group(2));
            if (date.group(1).length() == 4) {
                year = first;
                month = second;
                day = Integer.parseInt(date.group(3));
                return;
            }
            boolean monthFirst = second > 12 && first <= 12;
            day = monthFirst ? second : first;
            month = monthFirst ? first : second;
            year = year(date.group(3));
        }

        Optional<Instant> instant() {
            if (day == null || month == null || year == null) {
                return Optional.empty();
            }
            int[] clock = time == null ? new int[3] : time;
            LocalDateTime local = LocalDateTime.of(year, month, day, clock[0], clock[1], clock[2]);
            return Optional.of(local.toInstant(zone == null ? ZoneOffset.UTC : zone));
        }
    }
}
