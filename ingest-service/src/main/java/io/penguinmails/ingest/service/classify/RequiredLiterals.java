package io.penguinmails.ingest.service.classify;

import java.util.ArrayList;
import java.util.List;

/**
 * The literal words without which a simple regular expression cannot match, so that a cheap {@link String#contains}
 * can rule a text out before the regex engine walks it. Only what is certainly required is taken: runs of plain
 * characters outside any group and not quantified, or a group of plain alternatives ({@code (?:mailbox|account)})
 * that is not quantified. Anything the reader does not fully understand (inline flags, look-arounds, alternation
 * outside groups) yields no words, and the regex is then always run.
 */
final class RequiredLiterals {

    /** Shorter words rule out too little to be worth a look-up. */
    private static final int MIN_LENGTH = 2;

    private static final String META = "\\[](){}.*+?^$|";

    private RequiredLiterals() {}

    /**
     * Words of which every match of the regex contains at least one; empty when none could be found.
     *
     * @param regex a pattern compiled without flags (case-sensitive), as the reason phrases are
     */
    static List<String> of(String regex) {
        if (hasFlagsOrLookaround(regex)) {
            return List.of();
        }
        List<List<String>> candidates = new ArrayList<>();
        StringBuilder run = new StringBuilder();
        int i = 0;
        while (i < regex.length()) {
            char c = regex.charAt(i);
            if (c == '|') {
                return List.of();
            }
            int end = itemEnd(regex, i);
            if (end < 0) {
                return List.of();
            }
            int after = quantifierEnd(regex, end);
            boolean quantified = after > end;
            if (META.indexOf(c) < 0 && !quantified) {
                run.append(c);
            } else {
                flush(run, candidates);
                if (c == '(' && !quantified) {
                    List<String> alternatives = plainAlternatives(regex.substring(i, end));
                    if (!alternatives.isEmpty()) {
                        candidates.add(alternatives);
                    }
                }
            }
            i = after;
        }
        flush(run, candidates);
        return best(candidates);
    }

    /** Inline flags could make the words case-insensitive; words inside look-arounds are not consumed. */
    private static boolean hasFlagsOrLookaround(String regex) {
        for (int at = regex.indexOf("(?"); at >= 0; at = regex.indexOf("(?", at + 2)) {
            boolean escaped = at > 0 && regex.charAt(at - 1) == '\\';
            if (!escaped && (at + 2 >= regex.length() || regex.charAt(at + 2) != ':')) {
                return true;
            }
        }
        return false;
    }

    /** The index after the item starting at {@code i}: a character, an escape, a class or a group; -1 if unclosed. */
    private static int itemEnd(String regex, int i) {
        char c = regex.charAt(i);
        if (c == '\\') {
            return i + 2 <= regex.length() ? i + 2 : -1;
        }
        if (c == '[') {
            return classEnd(regex, i);
        }
        if (c == '(') {
            return groupEnd(regex, i);
        }
        return i + 1;
    }

    private static int classEnd(String regex, int start) {
        int i = start + 1;
        if (i < regex.length() && regex.charAt(i) == '^') {
            i++;
        }
        if (i < regex.length() && regex.charAt(i) == ']') {
            i++;
        }
        while (i < regex.length()) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '[') {
                int nested = classEnd(regex, i);
                if (nested < 0) {
                    return -1;
                }
                i = nested;
            } else if (c == ']') {
                return i + 1;
            } else {
                i++;
            }
        }
        return -1;
    }

    private static int groupEnd(String regex, int start) {
        int depth = 0;
        int i = start;
        while (i < regex.length()) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == '[') {
                i = classEnd(regex, i);
                if (i < 0) {
                    return -1;
                }
                continue;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i + 1;
            }
            i++;
        }
        return -1;
    }

    /** The index after a quantifier ({@code ?}, {@code *}, {@code +}, {@code {m,n}}, lazy or not) at {@code i}. */
    private static int quantifierEnd(String regex, int i) {
        if (i >= regex.length()) {
            return i;
        }
        char c = regex.charAt(i);
        int end;
        if (c == '?' || c == '*' || c == '+') {
            end = i + 1;
        } else if (c == '{') {
            int close = regex.indexOf('}', i);
            end = close < 0 ? regex.length() : close + 1;
        } else {
            return i;
        }
        return end < regex.length() && (regex.charAt(end) == '?' || regex.charAt(end) == '+') ? end + 1 : end;
    }

    /** The alternatives of a group such as {@code (?:a|b)} when each is plain, non-empty text; else none. */
    private static List<String> plainAlternatives(String group) {
        String body = group.startsWith("(?:")
                ? group.substring(3, group.length() - 1)
                : group.substring(1, group.length() - 1);
        List<String> alternatives = new ArrayList<>();
        for (String alternative : body.split("\\|", -1)) {
            if (alternative.isEmpty() || !isPlain(alternative)) {
                return List.of();
            }
            alternatives.add(alternative);
        }
        return alternatives;
    }

    private static boolean isPlain(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (META.indexOf(text.charAt(i)) >= 0) {
                return false;
            }
        }
        return true;
    }

    private static void flush(StringBuilder run, List<List<String>> candidates) {
        if (!run.isEmpty()) {
            candidates.add(List.of(run.toString()));
            run.setLength(0);
        }
    }

    /** The most selective candidate: the one whose shortest word is longest. */
    private static List<String> best(List<List<String>> candidates) {
        List<String> best = List.of();
        int bestLength = MIN_LENGTH - 1;
        for (List<String> candidate : candidates) {
            int shortest = candidate.stream().mapToInt(String::length).min().orElse(0);
            if (shortest > bestLength) {
                best = candidate;
                bestLength = shortest;
            }
        }
        return best;
    }
}
