package io.penguinmails.campaign.service.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Personalises template text: {@code {{first_name}}} takes the lead's value, {@code {{first_name|there}}} falls back
 * to "there" when the lead has none (missing or blank). Names are case-insensitive and may contain letters, digits,
 * '_', '-' and '.'.
 */
public final class TemplateRenderer {

    private static final Pattern PLACEHOLDER =
            Pattern.compile("\\{\\{\\s*([A-Za-z][A-Za-z0-9_.\\-]*)\\s*(?:\\|([^}]*))?}}");

    private TemplateRenderer() {}

    /** One placeholder of a template; {@code fallback} is null when the template gives none. */
    public record Placeholder(String name, String fallback) {}

    /** The placeholders of a text in order of first appearance, one per name (the first fallback wins). */
    public static List<Placeholder> placeholders(String text) {
        Map<String, Placeholder> byName = new LinkedHashMap<>();
        if (text != null) {
            Matcher matcher = PLACEHOLDER.matcher(text);
            while (matcher.find()) {
                Placeholder found = placeholder(matcher);
                byName.merge(found.name(), found, (first, next) -> first.fallback() != null ? first : next);
            }
        }
        return new ArrayList<>(byName.values());
    }

    /**
     * The names a text uses at least once without fallback, in order of first appearance: every lead it is rendered
     * for needs a value for each of them ({@code {{a}} ... {{a|x}}} needs {@code a}, the first occurrence has none).
     */
    public static Set<String> required(String text) {
        Set<String> names = new LinkedHashSet<>();
        if (text != null) {
            Matcher matcher = PLACEHOLDER.matcher(text);
            while (matcher.find()) {
                Placeholder found = placeholder(matcher);
                if (found.fallback() == null) {
                    names.add(found.name());
                }
            }
        }
        return names;
    }

    /**
     * Renders a text for one lead; {@code escape} is applied to substituted values only (HTML-escape for HTML parts).
     *
     * @throws MissingVariableException when a placeholder without fallback has no value
     */
    public static String render(String text, Map<String, String> values, UnaryOperator<String> escape) {
        if (text == null) {
            return null;
        }
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 64);
        while (matcher.find()) {
            String value = valueFor(placeholder(matcher), values);
            matcher.appendReplacement(out, Matcher.quoteReplacement(escape.apply(value)));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** Renders plain text (subjects, text parts): values are inserted as they are. */
    public static String render(String text, Map<String, String> values) {
        return render(text, values, UnaryOperator.identity());
    }

    private static Placeholder placeholder(Matcher matcher) {
        String fallback = matcher.group(2);
        return new Placeholder(
                matcher.group(1).toLowerCase(java.util.Locale.ROOT), fallback == null ? null : fallback.strip());
    }

    private static String valueFor(Placeholder placeholder, Map<String, String> values) {
        String value = values.get(placeholder.name());
        if (value != null && !value.isBlank()) {
            return value;
        }
        if (placeholder.fallback() != null) {
            return placeholder.fallback();
        }
        throw new MissingVariableException(placeholder.name());
    }

    /** A placeholder without fallback met a lead that has no value for it. */
    public static final class MissingVariableException extends RuntimeException {

        private final String variable;

        MissingVariableException(String variable) {
            super("no value for {{" + variable + "}} and no fallback");
            this.variable = variable;
        }

        /** The variable's name. */
        public String variable() {
            return variable;
        }
    }
}
