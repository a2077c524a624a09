package io.penguinmails.campaign;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Verifies the DKIM signature of a message as received (RFC 6376, rsa-sha256, simple or relaxed canonicalization)
 * against a public key, the way a receiving server does after looking the key up in DNS. Written from the RFC here so
 * the test does not check the signer with its own code.
 */
public final class DkimVerifier {

    private final String headerBlock;
    private final String body;
    private final List<String> fields;

    /** The raw message: header fields, an empty line, the body; lines end with CRLF. */
    public DkimVerifier(String raw) {
        int end = raw.indexOf("\r\n\r\n");
        headerBlock = raw.substring(0, end + 2);
        body = raw.substring(end + 4);
        fields = fields(headerBlock);
    }

    /** The tags of the (first) DKIM-Signature field, e.g. {@code d}, {@code s}, {@code bh}. */
    public Map<String, String> tags() {
        Map<String, String> tags = new HashMap<>();
        for (String tag : value(signatureField()).split(";")) {
            int eq = tag.indexOf('=');
            if (eq > 0) {
                tags.put(tag.substring(0, eq).strip(), tag.substring(eq + 1).replaceAll("\\s", ""));
            }
        }
        return tags;
    }

    /** The base64 SHA-256 of the canonicalized body, to compare with {@code bh}. */
    public String bodyHash() throws GeneralSecurityException {
        String canonical = canonicalBody(tags().getOrDefault("c", "simple"));
        String length = tags().get("l");
        if (length != null) {
            canonical = canonical.substring(0, Integer.parseInt(length));
        }
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.ISO_8859_1));
        return Base64.getEncoder().encodeToString(digest);
    }

    /** Whether the body hash matches {@code bh} and {@code b} verifies over the signed header fields. */
    public boolean verify(PublicKey key) throws GeneralSecurityException {
        Map<String, String> tags = tags();
        if (!"rsa-sha256".equals(tags.get("a")) || !bodyHash().equals(tags.get("bh"))) {
            return false;
        }
        boolean relaxed = tags.getOrDefault("c", "simple").startsWith("relaxed");
        StringBuilder signed = new StringBuilder();
        List<String> unused = new ArrayList<>(fields);
        for (String name : tags.get("h").split(":")) {
            String field = lastNamed(unused, name.strip());
            if (field != null) {
                unused.remove(field);
                signed.append(canonicalHeader(field, relaxed));
            }
        }
        String field = signatureField();
        // The signature field itself is signed with an empty b= and without its final CRLF.
        String own = field.substring(0, field.length() - 2).replaceAll("([;\\s]b=)[^;]*", "$1");
        String canonicalOwn = canonicalHeader(own + "\r\n", relaxed);
        signed.append(canonicalOwn, 0, canonicalOwn.length() - 2);
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(key);
        rsa.update(signed.toString().getBytes(StandardCharsets.ISO_8859_1));
        return rsa.verify(Base64.getDecoder().decode(tags.get("b")));
    }

    /** The same message with its body changed, as a forwarder that rewrites content would deliver it. */
    public DkimVerifier withBody(String newBody) {
        return new DkimVerifier(headerBlock + "\r\n" + newBody);
    }

    /** The body as received. */
    public String body() {
        return body;
    }

    private String signatureField() {
        return fields.stream()
                .filter(field -> name(field).equalsIgnoreCase("DKIM-Signature"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no DKIM-Signature"));
    }

    private String canonicalBody(String canonicalization) {
        boolean relaxed = canonicalization.endsWith("/relaxed");
        List<String> lines = new ArrayList<>(List.of(body.split("\r\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        if (relaxed) {
            lines.replaceAll(line -> line.replaceAll("[ \t]+", " ").replaceAll(" +$", ""));
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        if (lines.isEmpty()) {
            return relaxed ? "" : "\r\n";
        }
        return String.join("\r\n", lines) + "\r\n";
    }

    private static String canonicalHeader(String field, boolean relaxed) {
        if (!relaxed) {
            return field;
        }
        String value =
                value(field).replace("\r\n", "").replaceAll("[ \t]+", " ").strip();
        return name(field).toLowerCase(Locale.ROOT).strip() + ":" + value + "\r\n";
    }

    private static String lastNamed(List<String> fields, String name) {
        for (int i = fields.size() - 1; i >= 0; i--) {
            if (name(fields.get(i)).equalsIgnoreCase(name)) {
                return fields.get(i);
            }
        }
        return null;
    }

    /** The header fields, each with its folded continuation lines and final CRLF. */
    private static List<String> fields(String block) {
        List<String> fields = new ArrayList<>();
        for (String line : block.split("(?<=\r\n)")) {
            if ((line.startsWith(" ") || line.startsWith("\t")) && !fields.isEmpty()) {
                fields.set(fields.size() - 1, fields.get(fields.size() - 1) + line);
            } else if (!line.isEmpty()) {
                fields.add(line);
            }
        }
        return fields;
    }

    private static String name(String field) {
        return field.substring(0, field.indexOf(':'));
    }

    private static String value(String field) {
        return field.substring(field.indexOf(':') + 1);
    }
}
