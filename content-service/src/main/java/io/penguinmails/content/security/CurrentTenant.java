package io.penguinmails.content.security;

import io.quarkus.security.UnauthorizedException;
import jakarta.enterprise.context.RequestScoped;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The tenant of the current request, taken from the {@code tenant_id} claim of its verified bearer token. */
@RequestScoped
public class CurrentTenant {

    /** The claim that carries the tenant id in every token campaign-service issues. */
    public static final String CLAIM = "tenant_id";

    private final JsonWebToken token;

    CurrentTenant(JsonWebToken token) {
        this.token = token;
    }

    /** The tenant id; a token without one is refused. */
    public UUID id() {
        Object claim = token.getClaim(CLAIM);
        if (claim == null) {
            throw new UnauthorizedException("token carries no tenant_id");
        }
        try {
            return UUID.fromString(claim.toString().replace("\"", ""));
        } catch (IllegalArgumentException e) {
            throw new UnauthorizedException("tenant_id is not a UUID");
        }
    }
}
