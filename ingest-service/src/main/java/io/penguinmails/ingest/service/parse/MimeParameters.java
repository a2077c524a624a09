package io.penguinmails.ingest.service.parse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@code Content-Type} or {@code Content-Disposition} value: the type and its parameters, with RFC 2231
 * continuations and charsets and RFC 2047 encoded words decoded. Read leniently: empty parameters ({@code ;;}),
 * unquoted values with spaces and unterminated quotes are accepted.
 *
 * @param value the lower-case type ({@code text/plain}, {@code attachment}), empty when missing
 * @param parameters the decoded parameters by lower-case name
 */
public record MimeParameters(String value, Map<String, String> parameters) {

    /** Parameters of an absent header. */
    public static final MimeParameters NONE = new MimeParameters("", Map.of());

    /** Parses an unfolded header value; null gives {@link #NONE}. */
    public static MimeParameters parse(String header, Problems problems, String where) {
        if (header == null) {
            return NONE;
        }
        int semicolon = header.indexOf(';');
        String value = (semicolon < 0 ? header : header.substring(0, semicolon))
                .strip()
                .toLowerCase(Locale.ROOT);
        if (semicolon < 0) {
            return new MimeParameters(value, Map.of());
        }
        Map<String, String> raw = new Scanner(header, semicolon).parameters();
        return new MimeParameters(value, Collections.unmodifiableMap(decode(raw, problems, where)));
    }

    /** A parameter by lower-case name, or null. */
    public String get(String name) {
        return parameters.get(name);
    }

    private static Map<String, String> decode(Map<String, String> raw, Problems problems, String where) {
        Map<String, String> result = new LinkedHashMap<>();
        Map<String, TreeMap<Integer, String>> extended = new LinkedHashMap<>();
        raw.forEach((name, value) -> {
            int star = name.indexOf('*');
            if (star < 0) {
                result.putIfAbsent(name, value);
            } else {
                extended.computeIfAbsent(name.substring(0, star), k -> new TreeMap<>())
                        .put(section(name.substring(star)), (name.endsWith("*") ? "*" : " ") + value);
            }
        });
        // RFC 2231 values win over plain ones: mailers send both and only the extended one carries the real name.
        extended.forEach((name, sections) -> result.put(name, joinSections(sections, problems, where)));
        result.replaceAll((name, value) -> EncodedWords.decode(value, problems, where));
        return result;
    }

    /** The section number of an RFC 2231 name suffix such as {@code *}, {@code *0} or {@code *1*}. */
    private static int section(String suffix) {
        String digits = suffix.replace("*", "");
        try {
            return digits.isEmpty() ? 0 : Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Joins sections whose first character says whether they are percent-encoded ('*') or plain (' '). */
    private static String joinSections(TreeMap<Integer, String> sections, Problems problems, String where) {
        String charset = null;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (Map.Entry<Integer, String> section : sections.entrySet()) {
            boolean encoded = section.getValue().charAt(0) == '*';
            String text = section.getValue().substring(1);
            String[] declared = text.split("'", 3);
            if (encoded && section.getKey().equals(sections.firstKey()) && declared.length == 3) {
                // charset'language'text
                charset = declared[0].isBlank() ? null : declared[0];
                text = declared[2];
            }
            bytes.writeBytes(encoded ? percentDecoded(text) : text.getBytes(StandardCharsets.UTF_8));
        }
        return Charsets.decode(bytes.toByteArray(), charset, problems, where);
    }

    private static byte[] percentDecoded(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && hex(text, i + 1) >= 0) {
                out.write(hex(text, i + 1));
                i += 2;
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }

    private static int hex(String text, int at) {
        if (at + 1 >= text.length()) {
            return -1;
        }
        int high = Character.digit(text.charAt(at), 16);
        int low = Character.digit(text.charAt(at + 1), 16);
        return high < 0 || low < 0 ? -1 : high * 16 + low;
    }

    /** Reads {@code ; name=value} pairs one by one. */
    private static final class Scanner {
        private final String text;
        private final Map<String, String> parameters = new LinkedHashMap<>();
        private int pos;

        Scanner(String text, int pos) {
            this.text = text;
            this.pos = pos;
        }

        Map<String, String> parameters() {
            while (pos < text.length()) {
                int equals = nextEquals();
                if (equals < 0) {
                    break;
                }
                String name = text.substring(pos, equals).strip().toLowerCase(Locale.ROOT);
                pos = equals + 1;
                String value = value();
                if (!name.isEmpty()) {
                    parameters.putIfAbsent(name, value);
                }
            }
            return parameters;
        }

        /** Skips separators and names without a value; the index of the next name's '=' or -1. */
        private int nextEquals() {
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c == ';' || Character.isWhitespace(c)) {
                    pos++;
                    continue;
                }
                int equals = text.indexOf('=', pos);
                int semicolon = text.indexOf(';', pos);
                if (equals >= 0 && (semicolon < 0 || equals < semicolon)) {
                    return equals;
                }
                pos = semicolon < 0 ? text.length() : semicolon;
            }
            return -1;
        }

        private String value() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
            if (pos < text.length() && text.charAt(pos) == '"') {
                return quoted();
            }
            int semicolon = text.indexOf(';', pos);
            int end = semicolon < 0 ? text.length() : semicolon;
            String value = text.substring(pos, end).strip();
            pos = end;
            return value;
        }

        private String quoted() {
            StringBuilder value = new StringBuilder();
            pos++;
            while (pos < text.length() && text.charAt(pos) != '"') {
                char c = text.charAt(pos++);
                if (c == '\\' && pos < text.length()) {
                    c = text.charAt(pos++);
                }
                value.append(c);
            }
            int semicolon = text.indexOf(';', pos);
            pos = semicolon < 0 ? text.length() : semicolon;
            return value.toString();
        }
    }
}
