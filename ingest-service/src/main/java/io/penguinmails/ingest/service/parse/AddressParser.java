package io.penguinmails.ingest.service.parse;

import io.penguinmails.contracts.MailEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads RFC 5322 address lists leniently: display names (quoted, encoded words, raw UTF-8), groups (flattened into
 * their members), obsolete {@code address (Name)} comments, routes, and addresses without a domain. Written here
 * because mime4j's parser cuts characters off non-ASCII addresses and drops comment names.
 */
public final class AddressParser {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private AddressParser() {}

    /** The mailboxes of an unfolded header value whose encoded words are still encoded. */
    public static List<MailEvent.Address> parse(String value, Problems problems, String where) {
        List<MailEvent.Address> result = new ArrayList<>();
        List<Token> mailbox = new ArrayList<>();
        for (Token token : Token.scan(value)) {
            if (token.kind() == Kind.SEPARATOR) {
                add(mailbox, result, problems, where);
                mailbox.clear();
            } else if (token.kind() == Kind.GROUP_START) {
                // The group's name is not an address; its members follow.
                mailbox.clear();
            } else {
                mailbox.add(token);
            }
        }
        add(mailbox, result, problems, where);
        return result;
    }

    private static void add(List<Token> tokens, List<MailEvent.Address> result, Problems problems, String where) {
        int angle = indexOf(tokens, Kind.ANGLE);
        String address = angle >= 0 ? route(tokens.get(angle).text()) : addrSpec(tokens);
        if (address.isBlank()) {
            return;
        }
        String phrase = angle >= 0 ? phrase(tokens.subList(0, angle)) : "";
        String name = phrase.isBlank() ? comments(tokens) : phrase;
        name = WHITESPACE
                .matcher(EncodedWords.decode(name, problems, where))
                .replaceAll(" ")
                .strip();
        result.add(new MailEvent.Address(address, name.isEmpty() ? null : name));
    }

    private static int indexOf(List<Token> tokens, Kind kind) {
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).kind() == kind) {
                return i;
            }
        }
        return -1;
    }

    /** The address inside angle brackets without an obsolete source route ({@code @a,@b:}). */
    private static String route(String angle) {
        String address = angle.strip();
        int colon = address.indexOf(':');
        return address.startsWith("@") && colon > 0
                ? address.substring(colon + 1).strip()
                : address;
    }

    private static String addrSpec(List<Token> tokens) {
        StringBuilder address = new StringBuilder();
        for (Token token : tokens) {
            if (token.kind() == Kind.WORD) {
                address.append(token.text());
            } else if (token.kind() == Kind.QUOTED) {
                address.append('"').append(token.text()).append('"');
            }
        }
        return address.toString();
    }

    private static String phrase(List<Token> tokens) {
        List<String> words = new ArrayList<>();
        for (Token token : tokens) {
            if (token.kind() == Kind.WORD || token.kind() == Kind.QUOTED) {
                words.add(token.text());
            }
        }
        return String.join(" ", words);
    }

    private static String comments(List<Token> tokens) {
        List<String> words = new ArrayList<>();
        for (Token token : tokens) {
            if (token.kind() == Kind.COMMENT) {
                words.add(token.text());
            }
        }
        return String.join(" ", words);
    }

    enum Kind {
        WORD,
        QUOTED,
        COMMENT,
        ANGLE,
        SEPARATOR,
        GROUP_START
    }

    /** A lexical piece of an address list. */
    record Token(Kind kind, String text) {

        static List<Token> scan(String value) {
            List<Token> tokens = new ArrayList<>();
            Lexer lexer = new Lexer(value);
            for (Token token = lexer.next(); token != null; token = lexer.next()) {
                tokens.add(token);
            }
            return tokens;
        }
    }

    /** Splits a header value into tokens, honouring quotes, nested comments and backslash escapes. */
    private static final class Lexer {
        private final String text;
        private int pos;

        Lexer(String text) {
            this.text = text;
        }

        Token next() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
            if (pos >= text.length()) {
                return null;
            }
            char c = text.charAt(pos);
            if ((c == '"' || c == '<') && text.indexOf(c == '"' ? '"' : '>', pos + 1) < 0) {
                // A quote or bracket that never closes is a typo; reading on past it keeps the address.
                pos++;
                return next();
            }
            return switch (c) {
                case '"' -> new Token(Kind.QUOTED, delimited('"'));
                case '(' -> new Token(Kind.COMMENT, comment());
                case '<' -> new Token(Kind.ANGLE, delimited('>').replace("<", ""));
                case ',', ';' -> single(Kind.SEPARATOR);
                case ':' -> single(Kind.GROUP_START);
                default -> new Token(Kind.WORD, word());
            };
        }

        private Token single(Kind kind) {
            pos++;
            return new Token(kind, "");
        }

        /** Text up to the unescaped closing character. */
        private String delimited(char close) {
            StringBuilder out = new StringBuilder();
            pos++;
            while (pos < text.length() && text.charAt(pos) != close) {
                char c = text.charAt(pos++);
                if (c == '\\' && close == '"' && pos < text.length()) {
                    c = text.charAt(pos++);
                }
                out.append(c);
            }
            pos++;
            return out.toString();
        }

        private String comment() {
            StringBuilder out = new StringBuilder();
            int depth = 0;
            do {
                char c = text.charAt(pos++);
                depth += c == '(' ? 1 : c == ')' ? -1 : 0;
                if (c == '\\' && pos < text.length()) {
                    out.append(text.charAt(pos++));
                } else if (depth > 1 || (depth == 1 && c != '(')) {
                    out.append(c);
                }
            } while (depth > 0 && pos < text.length());
            return out.toString().strip();
        }

        private String word() {
            int start = pos;
            while (pos < text.length() && !isSpecial(text.charAt(pos))) {
                if (text.charAt(pos) == '[') {
                    int close = text.indexOf(']', pos);
                    pos = close < 0 ? text.length() : close;
                }
                pos++;
            }
            return text.substring(start, Math.min(pos, text.length()));
        }

        private static boolean isSpecial(char c) {
            return Character.isWhitespace(c) || "\"(<,;:".indexOf(c) >= 0;
        }
    }
}
