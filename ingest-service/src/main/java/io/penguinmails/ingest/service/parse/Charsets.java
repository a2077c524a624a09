package io.penguinmails.ingest.service.parse;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns bytes in a declared MIME charset into Unicode, leniently. Labels are read the way browsers read them
 * (WHATWG Encoding Standard): a legacy label means its Windows superset, because mailers that declare ISO-8859-1 or
 * GB2312 routinely send windows-1252 or GBK characters. Undeclared or unknown charsets are read as UTF-8 when the
 * bytes are valid UTF-8 and as windows-1252 otherwise. UTF-7, which Java lacks, is decoded here too.
 */
public final class Charsets {

    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private static final Map<String, String> SUPERSETS = Map.ofEntries(
            Map.entry("iso-8859-1", "windows-1252"),
            Map.entry("iso8859-1", "windows-1252"),
            Map.entry("iso_8859-1", "windows-1252"),
            Map.entry("latin1", "windows-1252"),
            Map.entry("iso-8859-9", "windows-1254"),
            Map.entry("iso-8859-11", "x-windows-874"),
            Map.entry("tis-620", "x-windows-874"),
            Map.entry("iso-8859-8-i", "iso-8859-8"),
            Map.entry("iso-8859-6-i", "iso-8859-6"),
            Map.entry("gb2312", "gb18030"),
            Map.entry("gbk", "gb18030"),
            Map.entry("euc-cn", "gb18030"),
            Map.entry("x-gbk", "gb18030"),
            Map.entry("big5", "big5-hkscs"),
            Map.entry("shift_jis", "windows-31j"),
            Map.entry("shift-jis", "windows-31j"),
            Map.entry("sjis", "windows-31j"),
            Map.entry("x-sjis", "windows-31j"),
            Map.entry("euc-kr", "x-windows-949"),
            Map.entry("ks_c_5601-1987", "x-windows-949"),
            Map.entry("ks_c_5601", "x-windows-949"),
            Map.entry("utf8", "utf-8"),
            Map.entry("cp-850", "ibm850"));

    private static final int MAX_LABELS = 1000;
    private static final Map<String, Optional<Charset>> BY_LABEL = new ConcurrentHashMap<>();
    private static final Map<Charset, Boolean> ASCII_COMPATIBLE = new ConcurrentHashMap<>();

    private Charsets() {}

    /** The charset a label names, through its superset; empty when Java knows no such charset. */
    public static Optional<Charset> resolve(String label) {
        String key = label.trim().replace("\"", "").replace("'", "").toLowerCase(Locale.ROOT);
        if (BY_LABEL.size() >= MAX_LABELS) {
            // Labels come from senders: past this many distinct ones, stop remembering rather than grow without end.
            return Optional.ofNullable(BY_LABEL.get(key)).orElseGet(() -> forName(SUPERSETS.getOrDefault(key, key)));
        }
        return BY_LABEL.computeIfAbsent(key, k -> forName(SUPERSETS.getOrDefault(k, k)));
    }

    /**
     * Decodes text that declares {@code declared} (null when undeclared); what had to be guessed or replaced is
     * recorded against {@code where}.
     */
    public static String decode(byte[] bytes, String declared, Problems problems, String where) {
        if (declared != null && Utf7.names(declared)) {
            return Utf7.decode(bytes);
        }
        Optional<Charset> charset = declared == null ? Optional.empty() : resolve(declared);
        if (declared != null && charset.isEmpty()) {
            String text = guess(bytes, 0, bytes.length);
            problems.add(where + ": unknown charset \"" + declared + "\", read as " + guessedName(bytes));
            return text;
        }
        if (charset.isEmpty() || charset.get().equals(StandardCharsets.US_ASCII)) {
            return undeclared(bytes, declared, problems, where);
        }
        if (isAscii(bytes, 0, bytes.length) && asciiCompatible(charset.get())) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
        return declared(bytes, charset.get(), problems, where);
    }

    /** Bytes without a trustworthy label: UTF-8 when they are valid UTF-8, otherwise windows-1252. */
    public static String guess(byte[] bytes, int from, int to) {
        if (isAscii(bytes, from, to)) {
            return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
        }
        Charset charset = Utf8.invalid(bytes, from, to) == 0 ? StandardCharsets.UTF_8 : WINDOWS_1252;
        return new String(bytes, from, to - from, charset);
    }

    /** Whether every byte in the range is 7-bit. */
    public static boolean isAscii(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }

    /** Undeclared UTF-8 is how much mail is sent today and no fault; mislabelled or legacy 8-bit text is noted. */
    private static String undeclared(byte[] bytes, String declared, Problems problems, String where) {
        if (isAscii(bytes, 0, bytes.length)) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
        String guessed = guessedName(bytes);
        if (declared != null || !guessed.equals("UTF-8")) {
            String stated = declared == null ? "no charset" : "charset " + declared;
            problems.add(where + ": 8-bit text with " + stated + ", read as " + guessed);
        }
        return guess(bytes, 0, bytes.length);
    }

    private static String declared(byte[] bytes, Charset charset, Problems problems, String where) {
        if (charset.equals(StandardCharsets.UTF_8)) {
            return utf8(bytes, problems, where);
        }
        try {
            return strict(charset).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            if (Utf8.invalid(bytes, 0, bytes.length) == 0) {
                problems.add(where + ": declared " + charset.name() + " but is UTF-8, read as UTF-8");
                return new String(bytes, StandardCharsets.UTF_8);
            }
            problems.add(where + ": bytes that are not " + charset.name() + " were replaced");
            return new String(bytes, charset);
        }
    }

    private static String utf8(byte[] bytes, Problems problems, String where) {
        Utf8 scan = Utf8.scan(bytes, 0, bytes.length);
        if (scan.invalid() == 0) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        if (scan.multiByte() == 0) {
            // Not one valid UTF-8 sequence: the label is wrong, the text is a legacy 8-bit charset.
            problems.add(where + ": declared UTF-8 but is not, read as windows-1252");
            return new String(bytes, WINDOWS_1252);
        }
        problems.add(where + ": invalid UTF-8 sequences were replaced");
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static String guessedName(byte[] bytes) {
        return Utf8.invalid(bytes, 0, bytes.length) == 0 ? "UTF-8" : "windows-1252";
    }

    private static java.nio.charset.CharsetDecoder strict(Charset charset) {
        return charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    private static boolean asciiCompatible(Charset charset) {
        // ISO-2022-JP, UTF-16 and friends give 7-bit bytes other meanings, so the ASCII shortcut must not apply.
        return ASCII_COMPATIBLE.computeIfAbsent(charset, c -> {
            byte[] ascii = new byte[128];
            for (int i = 0; i < ascii.length; i++) {
                ascii[i] = (byte) i;
            }
            return new String(ascii, c).equals(new String(ascii, StandardCharsets.ISO_8859_1));
        });
    }

    private static Optional<Charset> forName(String name) {
        try {
            return Charset.isSupported(name) ? Optional.of(Charset.forName(name)) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Counts of well-formed multi-byte sequences and of invalid bytes in a UTF-8 candidate. */
    record Utf8(int multiByte, int invalid) {

        static int invalid(byte[] bytes, int from, int to) {
            return scan(bytes, from, to).invalid();
        }

        static Utf8 scan(byte[] bytes, int from, int to) {
            int multi = 0;
            int invalid = 0;
            int i = from;
            while (i < to) {
                int length = sequenceLength(bytes, i, to);
                if (length > 1) {
                    multi++;
                } else if (length == 0) {
                    invalid++;
                    length = 1;
                }
                i += length;
            }
            return new Utf8(multi, invalid);
        }

        /** 1 for ASCII, 2 to 4 for a valid sequence, 0 for an invalid byte. */
        private static int sequenceLength(byte[] bytes, int i, int to) {
            int lead = bytes[i] & 0xFF;
            if (lead < 0x80) {
                return 1;
            }
            int length = lead < 0xC2 ? 0 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : lead <= 0xF4 ? 4 : 0;
            if (length == 0 || i + length > to) {
                return 0;
            }
            for (int k = 1; k < length; k++) {
                if ((bytes[i + k] & 0xC0) != 0x80) {
                    return 0;
                }
            }
            return length;
        }
    }
}
