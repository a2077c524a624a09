package io.penguinmails.campaign.rest;

import io.penguinmails.campaign.Suppression;
import io.penguinmails.campaign.repository.SuppressionRepository;
import io.penguinmails.campaign.security.CurrentTenant;
import io.penguinmails.campaign.security.Roles;
import io.penguinmails.campaign.service.EmailSyntax;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

/**
 * The suppression list of the caller's tenant: addresses no campaign mails. Unsubscribes, hard bounces and complaints
 * land here on their own; this API lists them and adds or lifts manual blocks.
 */
@Path("/v1/suppressions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.TENANT)
@Tag(name = "suppressions")
@SecurityRequirement(name = OpenApiDocument.BEARER)
@APIResponse(responseCode = "401", ref = OpenApiDocument.UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = OpenApiDocument.FORBIDDEN)
public class SuppressionResource {

    static final String MANUAL = "manual";
    static final Set<String> REASONS = Set.of("unsubscribed", "hard_bounce", "complaint", MANUAL);
    static final int MAX_PAGE = 500;

    private final SuppressionRepository suppressions;
    private final CurrentTenant tenant;

    SuppressionResource(SuppressionRepository suppressions, CurrentTenant tenant) {
        this.suppressions = suppressions;
        this.tenant = tenant;
    }

    /** The tenant's suppressions, newest first. */
    @GET
    @Operation(summary = "The tenant's suppressed addresses, newest first")
    @APIResponse(responseCode = "200", description = "the suppressions")
    @APIResponse(responseCode = "422", ref = OpenApiDocument.UNPROCESSABLE)
    public List<Suppression> list(
            @QueryParam("limit") @DefaultValue("100") int limit, @QueryParam("offset") @DefaultValue("0") int offset) {
        return suppressions.list(
                tenant.id(),
                RequestChecks.range("limit", limit, 1, MAX_PAGE),
                RequestChecks.range("offset", offset, 0, Integer.MAX_VALUE));
    }

    /** Blocks an address; blocking it again keeps the first reason. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(201)
    @Operation(summary = "Block an address for every campaign of the tenant")
    @APIResponse(responseCode = "201", description = "the normalised address and the reason")
    @APIResponse(responseCode = "400", ref = OpenApiDocument.BAD_REQUEST)
    @APIResponse(responseCode = "422", ref = OpenApiDocument.UNPROCESSABLE)
    public Map<String, String> suppress(SuppressionRequest request) {
        SuppressionRequest body = RequestChecks.body(request);
        String email = RequestChecks.required("email", body.email());
        if (!EmailSyntax.isValid(email)) {
            throw RequestChecks.unprocessable("email is not a valid address: " + email);
        }
        String reason = body.reason() == null ? MANUAL : body.reason().strip();
        if (!REASONS.contains(reason)) {
            throw RequestChecks.unprocessable("reason must be one of " + REASONS);
        }
        suppressions.suppress(tenant.id(), email, reason, "api");
        return Map.of("email", EmailSyntax.normalise(email), "reason", reason);
    }

    /** Lifts a suppression, so campaigns may mail the address again. */
    @DELETE
    @Path("/{email}")
    @ResponseStatus(204)
    @Operation(summary = "Lift a suppression")
    @APIResponse(responseCode = "204", description = "lifted")
    @APIResponse(responseCode = "404", ref = OpenApiDocument.NOT_FOUND)
    public void lift(@PathParam("email") String email) {
        if (!suppressions.delete(tenant.id(), email)) {
            throw new NotFoundException("no suppression of " + email);
        }
    }
}
