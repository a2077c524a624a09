package io.penguinmails.ingest.service.parse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes RFC 2047 encoded words ({@code =?charset?B|Q?text?=}) in any charset Java knows. Adjacent words of one
 * charset are joined before decoding, because encoders split multi-byte characters across words; the whitespace
 * between adjacent encoded words is dropped as the RFC says.
 */
public final class EncodedWords {

    private static final Pattern WORD = Pattern.compile("=\\?([^?\\s]+)\\?([bBqQ])\\?([^?\\s]*)\\?=");

    private static final Pattern NOT_BASE64 = Pattern.compile("[^A-Za-z0-9+/]");

    private EncodedWords() {}

    /** The text with every encoded word decoded; unknown charsets are guessed and recorded against {@code where}. */
    public static String decode(String text, Problems problems, String where) {
        if (text.indexOf("=?") < 0) {
            return text;
        }
        Matcher word = WORD.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        Run run = new Run(problems, where);
        int last = 0;
        while (word.find()) {
            String gap = text.substring(last, word.start());
            if (!run.active() || !gap.isBlank()) {
                run.flushTo(out);
                out.append(gap);
            }
            run.add(word.group(1), bytes(word.group(2), word.group(3)), out);
            last = word.end();
        }
        run.flushTo(out);
        return out.append(text, last, text.length()).toString();
    }

    private static byte[] bytes(String encoding, String text) {
        return encoding.equalsIgnoreCase("B") ? base64(text) : quoted(text);
    }

    private static byte[] base64(String text) {
        String clean = NOT_BASE64.matcher(text).replaceAll("");
        // A lone trailing character carries no whole byte; decoders that stop there lose nothing a reader could see.
        if (clean.length() % 4 == 1) {
            clean = clean.substring(0, clean.length() - 1);
        }
        return Base64.getDecoder().decode(clean);
    }

    private static byte[] quoted(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '_') {
                out.write(' ');
            } else if (c == '=' && isHex(text, i + 1)) {
                out.write(Integer.parseInt(text, i + 1, i + 3, 16));
                i += 2;
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }

    private static boolean isHex(String text, int at) {
        return at + 1 < text.length()
                && Character.digit(text.charAt(at), 16) >= 0
                && Character.digit(text.charAt(at + 1), 16) >= 0;
    }

    /** Bytes of consecutive encoded words in one charset, waiting to be decoded together. */
    private static final class Run {
        private final Problems problems;
        private final String where;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private String charset;

        Run(Problems problems, String where) {
            this.problems = problems;
            this.where = where;
        }

        boolean active() {
            return charset != null;
        }

        void add(String label, byte[] decoded, StringBuilder out) {
            // RFC 2231 lets a language follow the charset: =?utf-8*en?Q?...?=
            String name = label.contains("*") ? label.substring(0, label.indexOf('*')) : label;
            if (active() && !charset.equalsIgnoreCase(name)) {
                flushTo(out);
            }
            charset = name;
            bytes.writeBytes(decoded);
        }

        void flushTo(StringBuilder out) {
            if (active()) {
                out.append(Charsets.decode(bytes.toByteArray(), charset, problems, where));
                bytes.reset();
                charset = null;
            }
        }
    }
}
