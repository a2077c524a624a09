package io.penguinmails.campaign.service;

import io.penguinmails.campaign.IssuedToken;
import io.penguinmails.campaign.Tenant;
import io.penguinmails.campaign.repository.TenantRepository;
import io.penguinmails.campaign.repository.TokenRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Creates tenants and issues their tokens, each change audited in the same transaction. */
@ApplicationScoped
public class TenantService {

    /** Audit action of a created tenant. */
    public static final String TENANT_CREATED = "tenant.created";
    /** Audit action of an issued token. */
    public static final String TOKEN_ISSUED = "token.issued";

    private final TenantRepository tenants;
    private final TokenRepository tokens;
    private final TokenIssuer issuer;
    private final AuditLog audit;

    TenantService(TenantRepository tenants, TokenRepository tokens, TokenIssuer issuer, AuditLog audit) {
        this.tenants = tenants;
        this.tokens = tokens;
        this.issuer = issuer;
        this.audit = audit;
    }

    /** Creates a tenant on behalf of {@code actor}. */
    @Transactional
    public Tenant create(String name, String actor) {
        Tenant tenant = tenants.insert(UUID.randomUUID(), name);
        audit.record(TENANT_CREATED, tenant.id(), actor, tenant.id().toString(), Map.of("name", name));
        return tenant;
    }

    /** Issues a token of the tenant on behalf of {@code actor}; empty when there is no such tenant. */
    @Transactional
    public Optional<IssuedToken> issueToken(UUID tenantId, String actor) {
        if (tenants.find(tenantId).isEmpty()) {
            return Optional.empty();
        }
        IssuedToken token = issuer.issue(tenantId);
        UUID tokenId = tokens.insert(tenantId, token);
        audit.record(
                TOKEN_ISSUED,
                tenantId,
                actor,
                tokenId.toString(),
                Map.of("jti", token.jti(), "expires_at", token.expiresAt().toString()));
        return Optional.of(token);
    }

    /** The tenant with that id, unless it does not exist or was deleted. */
    public Optional<Tenant> find(UUID id) {
        return tenants.find(id);
    }
}
