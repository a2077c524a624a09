package io.penguinmails.ingest.service.parse;

import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.james.mime4j.codec.DecodeMonitor;

/**
 * Hears what mime4j tolerates while it reads a message (missing closing boundaries, cut-off part headers, damaged
 * base64 or quoted-printable) and records it against the part being read. Reading always goes on.
 */
final class ProblemMonitor extends DecodeMonitor {

    private static final Pattern LINE_PREFIX = Pattern.compile("^Line \\d+: ");

    private final Problems problems;
    private MimeNode node;

    ProblemMonitor(Problems problems) {
        this.problems = problems;
    }

    /** Names the entity that the following warnings concern. */
    void at(MimeNode entity) {
        this.node = entity;
    }

    @Override
    public boolean warn(String message, String dropDesc) {
        String text = LINE_PREFIX.matcher(message).replaceFirst("");
        if (!noise(text)) {
            problems.add((node == null ? "message" : node.where()) + ": " + explain(text));
        }
        return false;
    }

    /**
     * Warnings that report nothing wrong: obsolete syntax is legal to read, RFC 2046 allows spaces in a boundary,
     * mime4j calls an empty part header invalid, and LF-only line ends are how stored mail often looks.
     */
    private boolean noise(String text) {
        return text.startsWith("Obsolete header")
                || text.toLowerCase(Locale.ROOT).contains("whitespace")
                || (text.startsWith("Invalid header") && node != null && node.fields == 0)
                || text.startsWith("Found LF without CR")
                || text.startsWith("Found non-standard soft line break");
    }

    @Override
    public boolean isListening() {
        return true;
    }

    private static String explain(String text) {
        if (text.startsWith("Body part ended prematurely")) {
            return "the closing boundary is missing, read to the end";
        }
        if (text.startsWith("Unexpected end of headers")) {
            return "the part ends inside its header, before any blank line";
        }
        if (text.startsWith("Invalid header")) {
            return "a part header line without a colon starts the part's body";
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.contains("base64")) {
            return "damaged base64 (" + text.replaceFirst(":.*", "") + "), decoded as far as possible";
        }
        return text;
    }
}
