package io.penguinmails.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The inbound mail the load and fault tests post: ingest-service's own samples, read in place, each sent as a variant
 * with a Message-ID of its own so that every post is a new message with a new storage key.
 */
final class InboundSamples {

    private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^message-id:[^\\n]*\\n(?:[ \\t][^\\n]*\\n)*");

    private InboundSamples() {}

    /** Every {@code .eml} under {@code ingest-service/src/test/resources/mail}, in file name order. */
    static List<byte[]> all() throws IOException {
        Path dir = ServiceProcess.repoRoot().resolve("ingest-service/src/test/resources/mail");
        try (Stream<Path> files = Files.walk(dir)) {
            List<byte[]> raws = new ArrayList<>();
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".eml")).sorted().toList()) {
                raws.add(Files.readAllBytes(file));
            }
            return raws;
        }
    }

    /**
     * The message with a Message-ID of its own, so that its bytes, its storage key and its job are new; the rest of
     * the bytes stay as they were (read and written as ISO-8859-1, which maps bytes one to one).
     */
    static byte[] variant(byte[] raw, String label, int n) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int headerEnd = headerEnd(text);
        String id = "Message-ID: <" + label + "-" + n + "-" + Long.toHexString(System.nanoTime())
                + "@load.penguinmails.test>";
        String lineEnd = text.contains("\r\n") ? "\r\n" : "\n";
        Matcher m = MESSAGE_ID.matcher(text).region(0, headerEnd);
        String varied =
                m.find() ? text.substring(0, m.start()) + id + lineEnd + text.substring(m.end()) : id + lineEnd + text;
        return varied.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static int headerEnd(String text) {
        int crlf = text.indexOf("\r\n\r\n");
        int lf = text.indexOf("\n\n");
        if (crlf < 0 && lf < 0) {
            return text.length();
        }
        return crlf < 0 ? lf + 1 : lf < 0 ? crlf + 2 : Math.min(crlf + 2, lf + 1);
    }
}
