package io.penguinmails.contracts;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts and decrypts the IMAP password that travels on {@code mailbox.changes}: campaign-service encrypts it with
 * the key it shares with ingest-service, ingest decrypts it only to log in. AES-256-GCM with a random 96-bit IV per
 * value, written as {@code v1:<base64(iv | ciphertext and tag)>}; the prefix names the format so the scheme can change
 * without breaking stored values.
 */
public final class MailboxCredentials {

    /** The prefix of every value this class writes. */
    public static final String PREFIX = "v1:";

    private static final String CIPHER = "AES/GCM/NoPadding";
    private static final int KEY_BYTES = 32;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey key;

    /**
     * A cipher with the shared key.
     *
     * @param base64Key 32 random bytes, base64-encoded (e.g. {@code openssl rand -base64 32})
     * @throws IllegalArgumentException when the key is not base64 of exactly 32 bytes
     */
    public MailboxCredentials(String base64Key) {
        byte[] bytes = decodeKey(base64Key);
        this.key = new SecretKeySpec(bytes, "AES");
    }

    /** A new random key in the form the constructor takes. */
    public static String generateKey() {
        byte[] bytes = new byte[KEY_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** The password encrypted under a fresh IV, so the same password never gives the same value twice. */
    public String encrypt(String password) {
        Objects.requireNonNull(password, "password");
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        byte[] sealed = run(Cipher.ENCRYPT_MODE, iv, password.getBytes(StandardCharsets.UTF_8));
        byte[] out = ByteBuffer.allocate(iv.length + sealed.length)
                .put(iv)
                .put(sealed)
                .array();
        return PREFIX + Base64.getEncoder().encodeToString(out);
    }

    /**
     * The clear password.
     *
     * @throws IllegalArgumentException when the value is not in the {@code v1:} format, or was encrypted with another
     *     key or altered (the GCM tag does not match)
     */
    public String decrypt(String encrypted) {
        if (encrypted == null || !encrypted.startsWith(PREFIX)) {
            throw new IllegalArgumentException("encrypted password must start with " + PREFIX);
        }
        byte[] data = decodeBase64(encrypted.substring(PREFIX.length()), "encrypted password");
        if (data.length < IV_BYTES + TAG_BITS / 8) {
            throw new IllegalArgumentException("encrypted password is too short");
        }
        byte[] iv = Arrays.copyOfRange(data, 0, IV_BYTES);
        byte[] sealed = Arrays.copyOfRange(data, IV_BYTES, data.length);
        return new String(run(Cipher.DECRYPT_MODE, iv, sealed), StandardCharsets.UTF_8);
    }

    private byte[] run(int mode, byte[] iv, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance(CIPHER);
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
            return cipher.doFinal(input);
        } catch (AEADBadTagException e) {
            throw new IllegalArgumentException("encrypted password does not match the key (wrong key or altered)", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable: " + e.getMessage(), e);
        }
    }

    private static byte[] decodeKey(String base64Key) {
        if (base64Key == null || base64Key.isBlank()) {
            throw new IllegalArgumentException("the mailbox key is missing");
        }
        byte[] bytes = decodeBase64(base64Key.trim(), "the mailbox key");
        if (bytes.length != KEY_BYTES) {
            throw new IllegalArgumentException(
                    "the mailbox key must be " + KEY_BYTES + " bytes, base64-encoded; it has " + bytes.length);
        }
        return bytes;
    }

    private static byte[] decodeBase64(String value, String what) {
        try {
            return Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is not base64", e);
        }
    }
}
