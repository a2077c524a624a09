package io.penguinmails.ingest.service.classify;

import io.penguinmails.ingest.ParsedMessage;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The human-readable part of a report: the text parts of the message, decoded, up to where the returned message
 * begins. Mail systems mark that point with their own sentences; the markers below are those of the common ones.
 */
public final class ReportText {

    /**
     * The line where the returned message starts. The leading run of quote marks, blanks and dashes is taken whole
     * (possessively) and the markers written after dashes check behind them for one: a regex that let the run and
     * the markers' own dashes share a line of dashes backtracked over every way to split it.
     */
    private static final Pattern RETURNED_MESSAGE = Pattern.compile("(?im)^[ \\t>|-]*+(?:"
            + "(?<=-|- )(?:this is a copy of (?:the|your) message"
            + "|(?:below this line is|enclosed is) a copy of the message"
            + "|original message -+"
            + "|(?:the )?header of the original message"
            + "|original message follows|unsent message follows|returned message"
            + "|original (?:message|mail info)"
            + "|元の(?:メッセージ|メール))"
            + "|original message (?:follows|headers)"
            + "|message headers follow"
            + "|included is a copy of the message header"
            + "|below is a copy of the original message"
            + "|content-type: message/rfc822"
            + "|(?:return-path|received|dkim-signature|domainkey-signature|x-received|arc-seal"
            + "|authentication-results):[ \\t]"
            + ")");

    private static final int MAX_NAMES = 1000;
    private static final Map<String, Optional<Charset>> BY_NAME = new ConcurrentHashMap<>();

    private static final Charset[] FALLBACKS = {StandardCharsets.UTF_8, charset("EUC-JP"), charset("Shift_JIS")};

    private ReportText() {}

    /** The decoded text of every top-level text part, in order; the HTML body's text when there is no plain one. */
    public static List<String> parts(ParsedMessage message) {
        List<String> texts = new ArrayList<>();
        for (ParsedMessage.Part part : message.parts()) {
            if (mimeType(part).equals("text/plain")) {
                texts.add(decode(part));
            }
        }
        if (texts.isEmpty() && message.text() != null) {
            texts.add(message.text());
        }
        return texts;
    }

    /** Where the returned message begins in a text: the start of its first line; the text's length if nowhere. */
    public static int returnedMessageStart(String text) {
        Matcher m = RETURNED_MESSAGE.matcher(text);
        return m.find() ? m.start() : text.length();
    }

    /**
     * Decodes a part with its declared charset, with LF line ends. Some Japanese carriers label EUC-JP text as
     * ISO-2022-JP, so a decoding that produced replacement characters is retried with the usual alternatives.
     */
    private static String decode(ParsedMessage.Part part) {
        Charset declared = charset(part.parameters().get("charset"));
        String best = new String(part.content(), declared == null ? StandardCharsets.UTF_8 : declared);
        for (Charset fallback : FALLBACKS) {
            if (best.indexOf('\uFFFD') < 0 || fallback == null) {
                continue;
            }
            String retry = new String(part.content(), fallback);
            if (count(retry) < count(best)) {
                best = retry;
            }
        }
        return best.replace("\r\n", "\n").replace('\r', '\n');
    }

    /** A part's bare MIME type; a Content-Type that lacks the semicolon before its parameters still reads. */
    public static String mimeType(ParsedMessage.Part part) {
        String type = part.mimeType();
        int end = 0;
        while (end < type.length() && !endsType(type.charAt(end))) {
            end++;
        }
        return type.substring(0, end).toLowerCase(Locale.ROOT);
    }

    private static boolean endsType(char c) {
        return c == ';' || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000B';
    }

    /**
     * Decodes a report part that declares no charset (delivery-status, returned headers): UTF-8, or ISO-2022-JP when
     * the bytes carry its escape sequences, as Japanese systems' diagnostics do.
     */
    public static String decodeUndeclared(byte[] content) {
        String ascii = new String(content, StandardCharsets.ISO_8859_1);
        boolean iso2022 = ascii.contains("\u001b$B") || ascii.contains("\u001b$@") || ascii.contains("\u001b(J");
        Charset charset = iso2022 ? charset("ISO-2022-JP") : StandardCharsets.UTF_8;
        return new String(content, charset == null ? StandardCharsets.UTF_8 : charset).replace("\r\n", "\n");
    }

    private static long count(String text) {
        return text.chars().filter(c -> c == '\uFFFD').count();
    }

    /**
     * The charset of a name, or null. Looking up a name Java does not know asks every charset provider on the class
     * path, so answers are kept (up to a bound, since names come from senders).
     */
    private static Charset charset(String name) {
        if (name == null) {
            return null;
        }
        String key = name.trim();
        Optional<Charset> known = BY_NAME.get(key);
        if (known == null) {
            known = lookUp(key);
            if (BY_NAME.size() < MAX_NAMES) {
                BY_NAME.put(key, known);
            }
        }
        return known.orElse(null);
    }

    private static Optional<Charset> lookUp(String name) {
        try {
            return Optional.of(Charset.forName(name));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
