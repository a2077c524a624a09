package io.penguinmails.campaign;

import java.time.Instant;

/**
 * A signed tenant token with the facts recorded about it; the token text itself is never stored.
 *
 * @param token the compact JWS to hand to the caller
 * @param jti the token's unique id, kept in {@code tenant_tokens}
 */
public record IssuedToken(String token, String jti, Instant issuedAt, Instant expiresAt) {}
