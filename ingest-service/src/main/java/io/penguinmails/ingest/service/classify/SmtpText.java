package io.penguinmails.ingest.service.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads enhanced status codes, SMTP reply codes and addresses out of the free text of bounces. */
public final class SmtpText {

    /** RFC 3463 codes; the look-arounds keep IP addresses and version numbers out. */
    private static final Pattern STATUS = Pattern.compile("(?<![\\d.])([245])\\.([0-7])\\.(\\d{1,3})(?!\\.?\\d)");

    private static final Pattern REPLY = Pattern.compile("(?<![\\w.\\-=/])([2345]\\d\\d)(?=[\\s\\-:,;\\]]|$)");

    /** The reply codes RFC 5321 and its extensions define; other three-digit numbers are not replies. */
    private static final Set<String> REPLY_CODES = Set.of(
            "211", "214", "220", "221", "235", "250", "251", "252", "253", "354", "421", "422", "430", "432", "450",
            "451", "452", "453", "454", "455", "458", "459", "500", "501", "502", "503", "504", "521", "523", "525",
            "530", "533", "534", "535", "538", "550", "551", "552", "553", "554", "555", "556", "557");

    private static final Pattern ADDRESS = Pattern.compile(
            "(?:\"[^\"\\r\\n]{1,64}\"|[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64})@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+");

    private SmtpText() {}

    /** The first enhanced status code in a text, or null. */
    public static String status(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = STATUS.matcher(text);
        return m.find() ? m.group(1) + "." + m.group(2) + "." + m.group(3) : null;
    }

    /**
     * A report's Status field, unless its diagnostic states a more precise code: reporting systems often write a
     * generic {@code 5.0.0} or their own guess while the remote server's reply carries the real code.
     */
    public static String preferredStatus(String field, String inDiagnostic) {
        if (inDiagnostic == null) {
            return field;
        }
        if (field == null || field.endsWith(".0.0")) {
            return inDiagnostic;
        }
        return inDiagnostic.endsWith(".0.0") ? field : inDiagnostic;
    }

    /** The first SMTP reply code in a text, or null. */
    public static String replyCode(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = REPLY.matcher(text);
        while (m.find()) {
            if (REPLY_CODES.contains(m.group(1))) {
                return m.group(1);
            }
        }
        return null;
    }

    /** The first mail address in a text, lower-case, or null. */
    public static String address(String text) {
        if (!mayHaveAddress(text)) {
            return null;
        }
        Matcher m = ADDRESS.matcher(text);
        return m.find() ? clean(m.group()) : null;
    }

    /** Every mail address in a text (a header value), lower-case, in order. */
    public static List<String> addresses(String text) {
        List<String> found = new ArrayList<>();
        if (mayHaveAddress(text)) {
            Matcher m = ADDRESS.matcher(text);
            while (m.find()) {
                found.add(clean(m.group()));
            }
        }
        return found;
    }

    /**
     * Whether a text can hold an address at all: most lines of a report have no {@code @}, and ruling them out by a
     * character search spares the address pattern's backtracking over every word.
     */
    public static boolean mayHaveAddress(String text) {
        return text != null && text.indexOf('@') >= 0;
    }

    /** The address pattern, for callers that walk every address of a text. */
    public static Pattern addressPattern() {
        return ADDRESS;
    }

    /** An address as reported: lower-case, without the dots some reports leave at the end of a sentence. */
    public static String clean(String address) {
        String a = address.toLowerCase(Locale.ROOT);
        while (a.endsWith(".") || a.endsWith("-")) {
            a = a.substring(0, a.length() - 1);
        }
        return a;
    }

    /** A text with runs of white space (folded lines included) made one space, or null for blank text. */
    public static String collapse(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder collapsed = new StringBuilder(text.length());
        boolean inSpace = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean space = c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
            if (!space) {
                collapsed.append(c);
            } else if (!inSpace) {
                collapsed.append(' ');
            }
            inSpace = space;
        }
        String trimmed = collapsed.toString().trim();
        return trimmed.isEmpty() ? null : trimmed;
    }
}
