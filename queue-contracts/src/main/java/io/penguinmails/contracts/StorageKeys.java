package io.penguinmails.contracts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Deterministic storage keys: the same message of the same tenant always maps to the same key, so redelivery and
 * re-fetching upsert one row instead of adding another. A key never contains a timestamp.
 */
public final class StorageKeys {

    /** Every storage key matches this: a kind prefix and a SHA-256 in lower-case hex. */
    public static final Pattern FORMAT = Pattern.compile("^(raw|mid)_[0-9a-f]{64}$");

    private StorageKeys() {}

    /** The key of a message whose raw bytes are stable: SHA-256 over the tenant id and the bytes. */
    public static String forRawMessage(String tenantId, byte[] raw) {
        Objects.requireNonNull(raw, "raw");
        MessageDigest digest = sha256();
        digest.update(tenantPart(tenantId));
        digest.update(raw);
        return "raw_" + HexFormat.of().formatHex(digest.digest());
    }

    /**
     * The key of a message whose raw bytes are not stable (a mail the suite sends itself): SHA-256 over the tenant,
     * the mailbox and the Message-ID.
     */
    public static String forMessageId(String tenantId, String mailboxId, String messageId) {
        Objects.requireNonNull(mailboxId, "mailboxId");
        Objects.requireNonNull(messageId, "messageId");
        MessageDigest digest = sha256();
        digest.update(tenantPart(tenantId));
        digest.update((mailboxId + "\u0000" + messageId.trim()).getBytes(StandardCharsets.UTF_8));
        return "mid_" + HexFormat.of().formatHex(digest.digest());
    }

    /** Whether a string is a well-formed storage key. */
    public static boolean isValid(String key) {
        return key != null && FORMAT.matcher(key).matches();
    }

    /** The lower-case hex SHA-256 of some bytes, the digest used for content hashes and attachment dedup. */
    public static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    private static byte[] tenantPart(String tenantId) {
        Objects.requireNonNull(tenantId, "tenantId");
        // The NUL separator keeps "ab"+"c..." and "a"+"bc..." from colliding.
        return (tenantId + "\u0000").getBytes(StandardCharsets.UTF_8);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
