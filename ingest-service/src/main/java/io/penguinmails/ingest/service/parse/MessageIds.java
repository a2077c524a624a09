package io.penguinmails.ingest.service.parse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Message-ID, In-Reply-To and References values. Identifiers keep their angle brackets, as threading compares
 * them with the Message-IDs that were sent; a bare {@code local@domain} is given its brackets.
 */
public final class MessageIds {

    private static final Pattern SEPARATORS = Pattern.compile("[\\s,]+");
    private static final Pattern BRACKETED = Pattern.compile("<([^<>\\s]+)>");

    private MessageIds() {}

    /** The first identifier in the value, or null. */
    public static String first(String value) {
        List<String> ids = all(value);
        return ids.isEmpty() ? null : ids.get(0);
    }

    /** Every identifier in the value, in order. */
    public static List<String> all(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        Matcher id = BRACKETED.matcher(value);
        while (id.find()) {
            ids.add("<" + id.group(1) + ">");
        }
        if (ids.isEmpty()) {
            Arrays.stream(SEPARATORS.split(value))
                    .filter(s -> s.indexOf('@') > 0)
                    .map(s -> "<" + s.replaceAll("[<>]", "") + ">")
                    .forEach(ids::add);
        }
        return ids;
    }
}
