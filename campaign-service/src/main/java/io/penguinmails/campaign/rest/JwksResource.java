package io.penguinmails.campaign.rest;

import io.penguinmails.campaign.service.SigningKeys;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The public key that verifies tenant tokens, as a JWK Set: other services set
 * {@code mp.jwt.verify.publickey.location} to this URL.
 */
@Path("/.well-known/jwks.json")
@Tag(name = "keys")
public class JwksResource {

    private final SigningKeys keys;

    JwksResource(SigningKeys keys) {
        this.keys = keys;
    }

    /** The JWK Set with the one signing key. */
    @GET
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The public keys that verify issued tokens (JWKS, no token needed)")
    @APIResponse(responseCode = "200", description = "the JSON Web Key Set")
    public Map<String, List<Map<String, String>>> jwks() {
        return Map.of("keys", List.of(keys.jwk()));
    }
}
