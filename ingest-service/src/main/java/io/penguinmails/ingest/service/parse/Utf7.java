package io.penguinmails.ingest.service.parse;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;

/**
 * UTF-7 (RFC 2152), which Java does not ship but Outlook still declares ({@code unicode-1-1-utf-7}): ASCII as is,
 * other characters as {@code +}base64 of UTF-16BE{@code -}, and {@code +-} for a plus sign.
 */
final class Utf7 {

    private static final Set<String> LABELS =
            Set.of("utf-7", "unicode-1-1-utf-7", "x-unicode-2-0-utf-7", "csunicode11utf7");

    private Utf7() {}

    static boolean names(String label) {
        return LABELS.contains(label.trim().replace("\"", "").toLowerCase(Locale.ROOT));
    }

    static String decode(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length);
        int i = 0;
        while (i < bytes.length) {
            if (bytes[i] != '+') {
                out.append((char) (bytes[i++] & 0xFF));
                continue;
            }
            int end = i + 1;
            while (end < bytes.length && isBase64(bytes[end])) {
                end++;
            }
            out.append(end == i + 1 ? "+" : shifted(new String(bytes, i + 1, end - i - 1, StandardCharsets.US_ASCII)));
            i = end < bytes.length && bytes[end] == '-' ? end + 1 : end;
        }
        return out.toString();
    }

    /** A shifted run: unpadded base64 of UTF-16BE, whose leftover bits are dropped. */
    private static String shifted(String run) {
        String whole = run.length() % 4 == 1 ? run.substring(0, run.length() - 1) : run;
        byte[] utf16 = Base64.getDecoder().decode(whole);
        return new String(utf16, 0, utf16.length & ~1, StandardCharsets.UTF_16BE);
    }

    private static boolean isBase64(byte b) {
        return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b == '+' || b == '/';
    }
}
