package io.penguinmails.ingest.service.parse;

import io.penguinmails.contracts.MailEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The header section of a message, read from its bytes. Read by hand rather than by mime4j because a reader must
 * keep the exact bytes of every field (8-bit values, the boundary) and decide itself where a header without its blank
 * line ends: a line without a colon starts the body, so no text is lost.
 */
public final class HeaderBlock {

    /** RFC 5322 section 2.1.1: no line may be longer than this, without its line break. */
    static final int MAX_LINE = 998;

    private final byte[] source;
    private final List<Field> fields;
    private final int bodyStart;

    private HeaderBlock(byte[] source, List<Field> fields, int bodyStart) {
        this.source = source;
        this.fields = fields;
        this.bodyStart = bodyStart;
    }

    /**
     * One field as it stands in the source bytes.
     *
     * @param start where its name starts
     * @param valueStart just after its colon
     * @param end the end of its last line, before the line break
     */
    public record Field(String name, int start, int valueStart, int end) {}

    /** Reads the header that starts the bytes; what is wrong with it is recorded. */
    public static HeaderBlock read(byte[] raw, Problems problems) {
        return new Reader(raw, problems).read();
    }

    /** The fields in the order they were written. */
    public List<Field> fields() {
        return fields;
    }

    /** Where the body starts; the length of the source when there is none. */
    public int bodyStart() {
        return bodyStart;
    }

    /** The bytes the header was read from (the whole message). */
    public byte[] source() {
        return source;
    }

    /** The first field of that name, case-insensitively, or null. */
    public Field first(String name) {
        for (Field field : fields) {
            if (field.name().equalsIgnoreCase(name)) {
                return field;
            }
        }
        return null;
    }

    /** Whether any field carries one of these lower-case names. */
    public boolean hasAny(Set<String> names) {
        return fields.stream().anyMatch(f -> names.contains(f.name().toLowerCase(Locale.ROOT)));
    }

    /** The value of a field with line breaks removed and 8-bit bytes read as UTF-8 or else windows-1252. */
    public String unfolded(Field field, Problems problems) {
        return unfolded(source, field.valueStart(), field.end(), problems, field.name());
    }

    /** A field value held in {@code bytes[from, to)}, unfolded; see {@link #unfolded(Field, Problems)}. */
    static String unfolded(byte[] bytes, int from, int to, Problems problems, String name) {
        if (Charsets.isAscii(bytes, from, to)) {
            return unfold(new String(bytes, from, to - from, StandardCharsets.ISO_8859_1));
        }
        if (Charsets.Utf8.invalid(bytes, from, to) > 0) {
            problems.add("header " + name + ": raw 8-bit bytes that are not UTF-8, read as windows-1252");
        }
        return unfold(Charsets.guess(bytes, from, to));
    }

    /** The value of a field as a reader sees it: unfolded, with RFC 2047 encoded words decoded. */
    public String decoded(Field field, Problems problems) {
        return EncodedWords.decode(unfolded(field, problems), problems, "header " + field.name());
    }

    /** Every field in order, decoded. */
    public List<MailEvent.Header> decodedFields(Problems problems) {
        List<MailEvent.Header> headers = new ArrayList<>(fields.size());
        for (Field field : fields) {
            headers.add(new MailEvent.Header(field.name(), decoded(field, problems)));
        }
        return headers;
    }

    private static String unfold(String value) {
        if (value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value.strip();
        }
        return value.replace("\r", "").replace("\n", "").strip();
    }

    /** One pass over the header lines. */
    private static final class Reader {
        private final byte[] raw;
        private final Problems problems;
        private final List<Field> fields = new ArrayList<>();
        private final Set<String> longLines = new HashSet<>();
        private String name;
        private int start;
        private int valueStart;
        private int end;

        Reader(byte[] raw, Problems problems) {
            this.raw = raw;
            this.problems = problems;
        }

        HeaderBlock read() {
            int pos = skipLeadingBlankLines(skipMboxLine());
            while (pos < raw.length) {
                int eol = lineEnd(pos);
                int next = eol < raw.length && raw[eol] == '\r' ? eol + 2 : eol + 1;
                if (eol == pos) {
                    return finish(Math.min(next, raw.length));
                }
                if (!line(pos, eol)) {
                    problems.add("the header does not end with a blank line; the body starts at \"" + excerpt(pos, eol)
                            + "\"");
                    return finish(pos);
                }
                checkLength(pos, eol);
                pos = Math.min(next, raw.length);
            }
            return finish(raw.length);
        }

        /** Takes one header line; false when the line cannot belong to a header and so starts the body. */
        private boolean line(int pos, int eol) {
            if (raw[pos] == ' ' || raw[pos] == '\t') {
                continuation(pos, eol);
                return true;
            }
            int colon = indexOf(pos, eol, (byte) ':');
            if (colon < 0) {
                return false;
            }
            if (!validName(pos, colon)) {
                problems.add("invalid header line skipped: \"" + excerpt(pos, eol) + "\"");
                return true;
            }
            flush();
            name = new String(raw, pos, colon - pos, StandardCharsets.ISO_8859_1).strip();
            start = pos;
            valueStart = colon + 1;
            end = eol;
            return true;
        }

        private void continuation(int pos, int eol) {
            if (name == null) {
                problems.add("the header starts with a folded line, skipped");
            } else {
                end = eol;
            }
        }

        private int skipMboxLine() {
            if (raw.length > 5 && new String(raw, 0, 5, StandardCharsets.ISO_8859_1).equals("From ")) {
                problems.add("an mbox \"From \" line before the header was skipped");
                int eol = lineEnd(0);
                return Math.min(eol < raw.length && raw[eol] == '\r' ? eol + 2 : eol + 1, raw.length);
            }
            return 0;
        }

        /** Some stores put empty lines before a message; a header still follows. */
        private int skipLeadingBlankLines(int from) {
            int pos = from;
            while (pos < raw.length && lineEnd(pos) == pos) {
                pos = Math.min(raw[pos] == '\r' ? pos + 2 : pos + 1, raw.length);
            }
            if (pos > from) {
                problems.add("empty lines before the header were skipped");
            }
            return pos;
        }

        /** RFC 5322 field names are printable US-ASCII; obsolete syntax allows white space before the colon. */
        private boolean validName(int from, int colon) {
            int last = colon;
            while (last > from && (raw[last - 1] == ' ' || raw[last - 1] == '\t')) {
                last--;
            }
            for (int i = from; i < last; i++) {
                if (raw[i] < 33 || raw[i] > 126) {
                    return false;
                }
            }
            return last > from;
        }

        private void checkLength(int pos, int eol) {
            int length = eol - pos;
            String field = name == null ? "header" : name;
            if (length > MAX_LINE && longLines.add(field)) {
                problems.add(
                        "header " + field + ": a line of " + length + " characters, over the limit of " + MAX_LINE);
            }
        }

        private void flush() {
            if (name != null) {
                fields.add(new Field(name, start, valueStart, end));
            }
        }

        private HeaderBlock finish(int bodyStart) {
            flush();
            return new HeaderBlock(raw, List.copyOf(fields), bodyStart);
        }

        /** The end of the line at pos: the index of its CR LF or LF, or the end of the bytes. */
        private int lineEnd(int pos) {
            int lf = indexOf(pos, raw.length, (byte) '\n');
            if (lf < 0) {
                return raw.length;
            }
            return lf > pos && raw[lf - 1] == '\r' ? lf - 1 : lf;
        }

        private int indexOf(int from, int to, byte wanted) {
            for (int i = from; i < to; i++) {
                if (raw[i] == wanted) {
                    return i;
                }
            }
            return -1;
        }

        private String excerpt(int from, int to) {
            String line = Charsets.guess(raw, from, Math.min(to, from + 60));
            return to - from > 60 ? line + "..." : line;
        }
    }
}
