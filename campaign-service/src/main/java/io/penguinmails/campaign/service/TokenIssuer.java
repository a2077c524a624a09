package io.penguinmails.campaign.service;

import io.penguinmails.campaign.IssuedToken;
import io.penguinmails.campaign.config.CampaignConfig;
import io.penguinmails.campaign.security.CurrentTenant;
import io.penguinmails.campaign.security.Roles;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.jwt.Claims;

/** Signs tenant tokens: RS256, issuer {@code penguinmails}, claim {@code tenant_id}, group {@code tenant}. */
@ApplicationScoped
public class TokenIssuer {

    private final SigningKeys keys;
    private final CampaignConfig config;

    TokenIssuer(SigningKeys keys, CampaignConfig config) {
        this.keys = keys;
        this.config = config;
    }

    /** A new token of the tenant, valid for the configured lifetime. */
    public IssuedToken issue(UUID tenantId) {
        // JWT times have whole seconds; truncating keeps expires_at in the answer equal to the token's exp.
        Instant issuedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = issuedAt.plus(config.jwt().tokenLifetime());
        String jti = UUID.randomUUID().toString();
        String token = Jwt.issuer(config.jwt().issuer())
                .subject(tenantId.toString())
                .groups(Set.of(Roles.TENANT))
                .claim(CurrentTenant.CLAIM, tenantId.toString())
                .claim(Claims.jti, jti)
                .issuedAt(issuedAt)
                .expiresAt(expiresAt)
                .jws()
                .algorithm(SignatureAlgorithm.RS256)
                .keyId(keys.keyId())
                .sign(keys.privateKey());
        return new IssuedToken(token, jti, issuedAt, expiresAt);
    }
}
