package io.penguinmails.analytics.security;

import io.penguinmails.analytics.config.AnalyticsConfig;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Recognises the operator's admin token ({@code PENGUIN_ADMIN_TOKEN}, shared with campaign-service) among bearer
 * tokens. It runs before the JWT validator and passes every other token on to it, so a tenant JWT still
 * authenticates (and is then refused admin endpoints with 403).
 */
@ApplicationScoped
public class AdminIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    /** The role of the operator, who alone may rebuild the aggregates. */
    public static final String ROLE = "admin";

    /** The principal name of the operator. */
    public static final String ADMIN_PRINCIPAL = "admin";

    private final byte[] adminTokenDigest;

    AdminIdentityProvider(AnalyticsConfig config) {
        this.adminTokenDigest = config.adminToken()
                .filter(token -> !token.isBlank())
                .map(AdminIdentityProvider::sha256)
                .orElse(null);
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public int priority() {
        // The JWT validator keeps the default priority; a higher one is asked first.
        return IdentityProvider.super.priority() + 1;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(
            TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        if (!isAdminToken(request.getToken().getToken())) {
            return Uni.createFrom().nullItem();
        }
        return Uni.createFrom()
                .item(QuarkusSecurityIdentity.builder()
                        .setPrincipal(new QuarkusPrincipal(ADMIN_PRINCIPAL))
                        .addRole(AdminIdentityProvider.ROLE)
                        .build());
    }

    private boolean isAdminToken(String presented) {
        // Comparing fixed-length digests with MessageDigest.isEqual takes the same time wherever they differ.
        return adminTokenDigest != null && MessageDigest.isEqual(adminTokenDigest, sha256(presented));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM provides SHA-256", e);
        }
    }
}
