package io.penguinmails.ingest.service.classify;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One wording a rule looks for, as a regular expression, with the literal words any match of it contains (see
 * {@link RequiredLiterals}). A text lacking all of them is ruled out by a substring search, far cheaper than walking
 * the text with the regex; most phrases' words are absent from most texts.
 *
 * @param pattern the phrase, compiled without flags
 * @param words words of which every match contains one; empty when none could be found (the regex always runs)
 */
record Phrase(Pattern pattern, List<String> words) {

    /** A phrase from its regex, matched case-sensitively (callers lower-case the texts). */
    static Phrase of(String regex) {
        return new Phrase(Pattern.compile(regex), RequiredLiterals.of(regex));
    }

    /** Whether the phrase occurs in a text. */
    boolean foundIn(String text) {
        return mayBeIn(text) && pattern.matcher(text).find();
    }

    /** Where the phrase first occurs in a text, or -1. */
    int firstIndexIn(String text) {
        if (!mayBeIn(text)) {
            return -1;
        }
        Matcher m = pattern.matcher(text);
        return m.find() ? m.start() : -1;
    }

    private boolean mayBeIn(String text) {
        if (words.isEmpty()) {
            return true;
        }
        for (String word : words) {
            if (text.contains(word)) {
                return true;
            }
        }
        return false;
    }
}
