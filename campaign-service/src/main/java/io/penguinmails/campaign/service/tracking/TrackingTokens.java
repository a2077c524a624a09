package io.penguinmails.campaign.service.tracking;

import io.penguinmails.campaign.config.TrackingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mints and verifies the tokens in tracking and unsubscribe links: URL-safe base64 of a version byte, the kind, the
 * tenant, enrollment, step and lead ids and (for clicks) the target URL, followed by an HMAC-SHA256 over all of it,
 * truncated to 128 bits. The URL is inside the signed bytes, so a click can only redirect to the link that was in the
 * sent mail; nothing has to be stored per message.
 */
@ApplicationScoped
public class TrackingTokens {

    private static final byte VERSION = 1;
    private static final int MAC_BYTES = 16;
    private static final int HEADER_BYTES = 2 + 4 * 16;
    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;

    @Inject
    TrackingTokens(TrackingConfig config) {
        this(config.secret()
                .filter(secret -> !secret.isBlank())
                .orElseThrow(() -> new IllegalStateException("penguin.tracking.secret is not set")));
    }

    /** Tokens signed with {@code secret}. */
    public TrackingTokens(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** The compact, URL-safe token for {@code token}. */
    public String mint(TrackingToken token) {
        byte[] url = token.url().getBytes(StandardCharsets.UTF_8);
        ByteBuffer payload = ByteBuffer.allocate(HEADER_BYTES + url.length + MAC_BYTES);
        payload.put(VERSION).put((byte) token.kind().ordinal());
        putUuid(payload, token.tenantId());
        putUuid(payload, token.enrollmentId());
        putUuid(payload, token.stepId());
        putUuid(payload, token.leadId());
        payload.put(url);
        byte[] bytes = payload.array();
        byte[] mac = mac(bytes, bytes.length - MAC_BYTES);
        System.arraycopy(mac, 0, bytes, bytes.length - MAC_BYTES, MAC_BYTES);
        return ENCODER.encodeToString(bytes);
    }

    /**
     * The token's contents when it is well-formed, of the expected kind and carries a valid signature; empty for
     * anything forged, altered, truncated or minted for another purpose.
     */
    public Optional<TrackingToken> verify(String token, TrackingToken.Kind expected) {
        byte[] bytes = decode(token);
        if (bytes.length < HEADER_BYTES + MAC_BYTES || bytes[0] != VERSION || bytes[1] != expected.ordinal()) {
            return Optional.empty();
        }
        int signedLength = bytes.length - MAC_BYTES;
        byte[] expectedMac = Arrays.copyOf(mac(bytes, signedLength), MAC_BYTES);
        byte[] givenMac = Arrays.copyOfRange(bytes, signedLength, bytes.length);
        if (!MessageDigest.isEqual(expectedMac, givenMac)) {
            return Optional.empty();
        }
        ByteBuffer payload = ByteBuffer.wrap(bytes, 2, signedLength - 2);
        UUID tenant = getUuid(payload);
        UUID enrollment = getUuid(payload);
        UUID step = getUuid(payload);
        UUID lead = getUuid(payload);
        String url = new String(bytes, HEADER_BYTES, signedLength - HEADER_BYTES, StandardCharsets.UTF_8);
        return Optional.of(new TrackingToken(expected, tenant, enrollment, step, lead, url));
    }

    private static byte[] decode(String token) {
        if (token == null || token.length() > 16_384) {
            return new byte[0];
        }
        try {
            byte[] bytes = DECODER.decode(token);
            // The last base64 character can carry unused bits; only the canonical spelling of a token is accepted.
            return ENCODER.encodeToString(bytes).equals(token) ? bytes : new byte[0];
        } catch (IllegalArgumentException notBase64) {
            return new byte[0];
        }
    }

    private byte[] mac(byte[] bytes, int length) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update(bytes, 0, length);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }

    private static void putUuid(ByteBuffer buffer, UUID id) {
        buffer.putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
    }

    private static UUID getUuid(ByteBuffer buffer) {
        return new UUID(buffer.getLong(), buffer.getLong());
    }
}
