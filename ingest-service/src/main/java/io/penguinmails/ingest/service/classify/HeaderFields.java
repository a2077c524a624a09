package io.penguinmails.ingest.service.classify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A block of {@code Name: value} lines (a delivery-status group, a feedback report, returned headers), read
 * leniently: folded lines are joined, names compare case-insensitively and repeat.
 */
public final class HeaderFields {

    private final Map<String, List<String>> values = new LinkedHashMap<>();

    private HeaderFields() {}

    /** Reads a block; lines that are neither fields nor continuations are ignored. */
    public static HeaderFields parse(String block) {
        HeaderFields fields = new HeaderFields();
        List<String> current = null;
        for (String line : block.split("\n")) {
            String trimmed = line.stripTrailing();
            int colon = fieldColon(trimmed);
            if (colon > 0) {
                String name = trimmed.substring(0, nameEnd(trimmed)).toLowerCase(Locale.ROOT);
                current = fields.values.computeIfAbsent(name, k -> new ArrayList<>());
                current.add(trimmed.substring(colon + 1).trim());
            } else if (current != null && !line.isBlank() && Character.isWhitespace(line.charAt(0))) {
                int last = current.size() - 1;
                current.set(last, current.get(last) + " " + line.trim());
            } else {
                current = null;
            }
        }
        return fields;
    }

    /** The first value of a field, or null when absent or blank. */
    public String first(String name) {
        List<String> all = all(name);
        return all.isEmpty() || all.get(0).isBlank() ? null : all.get(0);
    }

    /** Every value of a field in order. */
    public List<String> all(String name) {
        return values.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    /** Whether the block has the field. */
    public boolean has(String name) {
        return values.containsKey(name.toLowerCase(Locale.ROOT));
    }

    /**
     * Where the colon of a {@code Name: value} line is, or -1 when the line is not a field: a name of letters, digits
     * and hyphens starting with a letter, optional blanks, the colon, and a value without line terminators. Read by
     * hand, not by a regex, since returned messages make this the most frequent test of a report.
     */
    private static int fieldColon(String line) {
        if (line.isEmpty() || !isAsciiLetter(line.charAt(0))) {
            return -1;
        }
        int i = nameEnd(line);
        while (i < line.length() && isBlank(line.charAt(i))) {
            i++;
        }
        if (i >= line.length() || line.charAt(i) != ':') {
            return -1;
        }
        for (int v = i + 1; v < line.length(); v++) {
            char c = line.charAt(v);
            if (c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                return -1;
            }
        }
        return i;
    }

    private static int nameEnd(String line) {
        int i = 1;
        while (i < line.length()
                && (isAsciiLetter(line.charAt(i)) || isAsciiDigit(line.charAt(i)) || line.charAt(i) == '-')) {
            i++;
        }
        return i;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    /** The value after the type of a typed field such as {@code rfc822; someone@example.org}. */
    public static String untyped(String value) {
        if (value == null) {
            return null;
        }
        int semicolon = value.indexOf(';');
        return (semicolon >= 0 ? value.substring(semicolon + 1) : value).trim();
    }
}
