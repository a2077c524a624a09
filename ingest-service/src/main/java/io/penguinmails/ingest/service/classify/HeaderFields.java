package io.penguinmails.ingest.service.classify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A block of {@code Name: value} lines (a delivery-status group, a feedback report, returned headers), read
 * leniently: folded lines are joined, names compare case-insensitively and repeat.
 */
public final class HeaderFields {

    private static final Pattern FIELD = Pattern.compile("^([A-Za-z][A-Za-z0-9-]*)[ \\t]*:[ \\t]*(.*)$");

    private final Map<String, List<String>> values = new LinkedHashMap<>();

    private HeaderFields() {}

    /** Reads a block; lines that are neither fields nor continuations are ignored. */
    public static HeaderFields parse(String block) {
        HeaderFields fields = new HeaderFields();
        List<String> current = null;
        for (String line : block.split("\n")) {
            Matcher m = FIELD.matcher(line.stripTrailing());
            if (m.matches()) {
                current = fields.values.computeIfAbsent(m.group(1).toLowerCase(Locale.ROOT), k -> new ArrayList<>());
                current.add(m.group(2).trim());
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

    /** The value after the type of a typed field such as {@code rfc822; someone@example.org}. */
    public static String untyped(String value) {
        if (value == null) {
            return null;
        }
        int semicolon = value.indexOf(';');
        return (semicolon >= 0 ? value.substring(semicolon + 1) : value).trim();
    }
}
