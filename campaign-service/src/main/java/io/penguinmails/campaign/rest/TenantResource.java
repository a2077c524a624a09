package io.penguinmails.campaign.rest;

import io.penguinmails.campaign.security.CurrentTenant;
import io.penguinmails.campaign.security.Roles;
import io.penguinmails.campaign.service.TenantService;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

/**
 * Tenants and their tokens. The operator (admin token) creates tenants and issues tokens; a tenant token reads its own
 * tenant only.
 */
@Path("/v1/tenants")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "tenants")
@SecurityRequirement(name = OpenApiDocument.BEARER)
@APIResponse(responseCode = "401", ref = OpenApiDocument.UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = OpenApiDocument.FORBIDDEN)
public class TenantResource {

    static final int MAX_NAME_LENGTH = 200;

    private final TenantService tenants;
    private final CurrentTenant currentTenant;
    private final SecurityIdentity identity;

    TenantResource(TenantService tenants, CurrentTenant currentTenant, SecurityIdentity identity) {
        this.tenants = tenants;
        this.currentTenant = currentTenant;
        this.identity = identity;
    }

    /** Creates a tenant. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @ResponseStatus(201)
    @Operation(summary = "Create a tenant (admin token)")
    @APIResponse(
            responseCode = "201",
            description = "the tenant",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = TenantView.class)))
    @APIResponse(responseCode = "400", ref = OpenApiDocument.BAD_REQUEST)
    @APIResponse(responseCode = "422", ref = OpenApiDocument.UNPROCESSABLE)
    public TenantView create(TenantRequest request) {
        return TenantView.of(tenants.create(validName(request), actor()));
    }

    /** Issues a token of the tenant; the answer is the only copy of it. */
    @POST
    @Path("/{id}/tokens")
    @RolesAllowed(Roles.ADMIN)
    @ResponseStatus(201)
    @Operation(
            summary = "Issue a token of a tenant (admin token)",
            description = "The answer is the only copy of the token.")
    @APIResponse(
            responseCode = "201",
            description = "the token",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = TokenView.class)))
    @APIResponse(responseCode = "404", ref = OpenApiDocument.NOT_FOUND)
    public TokenView issueToken(@PathParam("id") UUID id) {
        return tenants.issueToken(id, actor()).map(TokenView::of).orElseThrow(() -> noTenant(id));
    }

    /** The caller's own tenant. */
    @GET
    @Path("/me")
    @RolesAllowed(Roles.TENANT)
    @Operation(summary = "The caller's own tenant")
    @APIResponse(responseCode = "200", description = "the tenant")
    @APIResponse(responseCode = "404", ref = OpenApiDocument.NOT_FOUND)
    public TenantView me() {
        UUID id = currentTenant.id();
        return tenants.find(id).map(TenantView::of).orElseThrow(() -> noTenant(id));
    }

    private String actor() {
        return identity.getPrincipal().getName();
    }

    private static String validName(TenantRequest request) {
        String name =
                request == null || request.name() == null ? "" : request.name().strip();
        if (name.isEmpty()) {
            throw new BadRequestException("name is required and must not be blank");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw new BadRequestException("name is longer than " + MAX_NAME_LENGTH + " characters");
        }
        return name;
    }

    private static NotFoundException noTenant(UUID id) {
        return new NotFoundException("no tenant " + id);
    }
}
