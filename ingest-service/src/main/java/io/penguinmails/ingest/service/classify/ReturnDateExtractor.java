package io.penguinmails.ingest.service.classify;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the date an out-of-office reply says the person is back (or away until), as an ISO date. Only dates after a
 * phrase such as "until", "back on", "bis", "jusqu'au", "hasta el" count, and only dates that read one way: a
 * slashed date such as 03/04 that could be day-first or month-first is left out rather than guessed.
 */
public final class ReturnDateExtractor {

    private static final Pattern TRIGGER = Pattern.compile(
            "(?iu)\\b(?:until|till|through|thru|back (?:in the office )?on|back|return(?:ing)?(?: to the office)?"
                    + "(?: on)?|bis(?: zum| einschließlich)?|zurück am|ab dem|jusqu['’](?:au|à)|de retour le|retour le"
                    + "|hasta el|regreso el|fino al|rientro il|tot en met|tot|terug op|até)\\b");

    private static final String MONTHS = "january|february|march|april|may|june|july|august|september|october"
            + "|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec|januar|februar|märz|mai|juni"
            + "|juli|oktober|dezember|janvier|février|mars|avril|juin|juillet|août|septembre|octobre|novembre"
            + "|décembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre"
            + "|diciembre|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre|januari"
            + "|februari|maart|augustus";

    private static final Pattern ISO = Pattern.compile("\\b(20\\d\\d)-(\\d\\d)-(\\d\\d)\\b");
    private static final Pattern NUMERIC = Pattern.compile("\\b(\\d{1,2})([./])(\\d{1,2})(?:\\2(\\d{2,4}))?\\b");
    private static final Pattern MONTH_FIRST = Pattern.compile("(?iu)\\b(" + MONTHS
            + ")\\.?\\s+(\\d{1,2})(?!\\d)(?:st|nd|rd|th)?(?:\\s*[-–]\\s*(\\d{1,2}))?,?" + "(?:\\s+(\\d{4}))?");
    private static final Pattern DAY_FIRST =
            Pattern.compile("(?iu)\\b(\\d{1,2})(?:st|nd|rd|th|\\.)?\\s+(?:of\\s+|de\\s+)?(" + MONTHS
                    + ")\\.?,?(?:\\s+(?:de\\s+)?(\\d{4}))?");

    private static final Map<String, Integer> MONTH_NUMBERS = monthNumbers();

    /** The stated return date in a reply's text, or null. {@code sent} resolves dates written without a year. */
    public String find(String text, Instant sent) {
        LocalDate reference = sent == null ? null : LocalDate.ofInstant(sent, ZoneOffset.UTC);
        Matcher trigger = TRIGGER.matcher(text);
        while (trigger.find()) {
            int end = Math.min(text.length(), trigger.end() + 40);
            Optional<LocalDate> date = dateIn(text.substring(trigger.end(), end), reference);
            if (date.isPresent()) {
                return date.get().toString();
            }
        }
        return null;
    }

    private static Optional<LocalDate> dateIn(String window, LocalDate reference) {
        return iso(window)
                .or(() -> monthFirst(window, reference))
                .or(() -> dayFirst(window, reference))
                .or(() -> numeric(window, reference));
    }

    private static Optional<LocalDate> iso(String window) {
        Matcher m = ISO.matcher(window);
        return m.find() ? date(num(m.group(1)), num(m.group(2)), num(m.group(3))) : Optional.empty();
    }

    private static Optional<LocalDate> monthFirst(String window, LocalDate reference) {
        Matcher m = MONTH_FIRST.matcher(window);
        if (!m.find()) {
            return Optional.empty();
        }
        // "July 10-31": the absence ends on the range's last day.
        String day = m.group(3) != null ? m.group(3) : m.group(2);
        return resolve(month(m.group(1)), num(day), m.group(4), reference);
    }

    private static Optional<LocalDate> dayFirst(String window, LocalDate reference) {
        Matcher m = DAY_FIRST.matcher(window);
        return m.find() ? resolve(month(m.group(2)), num(m.group(1)), m.group(3), reference) : Optional.empty();
    }

    /** Dotted dates are day-first everywhere; slashed ones only count when one part cannot be a month. */
    private static Optional<LocalDate> numeric(String window, LocalDate reference) {
        Matcher m = NUMERIC.matcher(window);
        if (!m.find()) {
            return Optional.empty();
        }
        int first = num(m.group(1));
        int second = num(m.group(3));
        if (m.group(2).equals(".") || first > 12) {
            return resolve(second, first, m.group(4), reference);
        }
        return second > 12 ? resolve(first, second, m.group(4), reference) : Optional.empty();
    }

    private static Optional<LocalDate> resolve(int month, int day, String year, LocalDate reference) {
        if (year != null) {
            int y = num(year);
            return date(y < 100 ? 2000 + y : y, month, day);
        }
        if (reference == null) {
            return Optional.empty();
        }
        // Without a year the next such date after the reply is meant.
        Optional<LocalDate> thisYear = date(reference.getYear(), month, day);
        return thisYear.filter(d -> !d.isBefore(reference.minusDays(1)))
                .or(() -> date(reference.getYear() + 1, month, day));
    }

    private static Optional<LocalDate> date(int year, int month, int day) {
        try {
            return Optional.of(LocalDate.of(year, month, day));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private static int month(String name) {
        return MONTH_NUMBERS.getOrDefault(name.toLowerCase(Locale.ROOT), 0);
    }

    private static int num(String digits) {
        return Integer.parseInt(digits);
    }

    private static Map<String, Integer> monthNumbers() {
        String[][] names = {
            {"january", "jan", "januar", "janvier", "enero", "gennaio", "januari"},
            {"february", "feb", "februar", "février", "febrero", "febbraio", "februari"},
            {"march", "mar", "märz", "mars", "marzo", "maart"},
            {"april", "apr", "avril", "abril", "aprile"},
            {"may", "mai", "mayo", "maggio"},
            {"june", "jun", "juni", "juin", "junio", "giugno"},
            {"july", "jul", "juli", "juillet", "julio", "luglio"},
            {"august", "aug", "août", "agosto", "augustus"},
            {"september", "sep", "sept", "septembre", "septiembre", "settembre"},
            {"october", "oct", "oktober", "octobre", "octubre", "ottobre"},
            {"november", "nov", "novembre", "noviembre"},
            {"december", "dec", "dezember", "décembre", "diciembre", "dicembre"}
        };
        Map<String, Integer> numbers = new java.util.HashMap<>();
        for (int i = 0; i < names.length; i++) {
            for (String name : names[i]) {
                numbers.put(name, i + 1);
            }
        }
        return Map.copyOf(numbers);
    }
}
