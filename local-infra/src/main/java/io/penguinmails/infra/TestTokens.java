package io.penguinmails.infra;

import io.smallrye.jwt.build.Jwt;
import java.time.Instant;
import java.util.Set;

/**
 * Bearer tokens for tests, signed like campaign-service signs them (RS256, issuer {@code penguinmails}, claim
 * {@code tenant_id}) with the test key pair in {@code penguin/test-jwt/}.
 */
public final class TestTokens {

    /** The issuer every service expects. */
    public static final String ISSUER = "penguinmails";

    private static final String PRIVATE_KEY = "penguin/test-jwt/private.pem";
    private static final String FOREIGN_PRIVATE_KEY = "penguin/test-jwt/foreign-private.pem";

    private TestTokens() {}

    /** A valid token of a tenant. */
    public static String forTenant(String tenantId) {
        return Jwt.issuer(ISSUER)
                .subject("test-user")
                .groups(Set.of("tenant"))
                .claim("tenant_id", tenantId)
                .expiresIn(3600)
                .sign(PRIVATE_KEY);
    }

    /** A well-formed token of a tenant signed by a key no service trusts. */
    public static String signedByForeignKey(String tenantId) {
        return Jwt.issuer(ISSUER)
                .subject("test-user")
                .groups(Set.of("tenant"))
                .claim("tenant_id", tenantId)
                .expiresIn(3600)
                .sign(FOREIGN_PRIVATE_KEY);
    }

    /** A valid token of a tenant that expires after {@code seconds}. */
    public static String expiringIn(String tenantId, long seconds) {
        return Jwt.issuer(ISSUER)
                .subject("test-user")
                .groups(Set.of("tenant"))
                .claim("tenant_id", tenantId)
                .expiresIn(seconds)
                .sign(PRIVATE_KEY);
    }

    /** A token of a tenant that expired an hour ago. */
    public static String expired(String tenantId) {
        Instant past = Instant.now().minusSeconds(7200);
        return Jwt.issuer(ISSUER)
                .subject("test-user")
                .groups(Set.of("tenant"))
                .claim("tenant_id", tenantId)
                .issuedAt(past)
                .expiresAt(past.plusSeconds(3600))
                .sign(PRIVATE_KEY);
    }
}
