package io.penguinmails.campaign.rest;

import io.penguinmails.campaign.LeadList;
import io.penguinmails.campaign.repository.LeadRepository;
import io.penguinmails.campaign.security.CurrentTenant;
import io.penguinmails.campaign.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The lead lists of the caller's tenant, with their sizes; imports create them. */
@Path("/v1/lead-lists")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.TENANT)
@Tag(name = "leads")
@SecurityRequirement(name = OpenApiDocument.BEARER)
@APIResponse(responseCode = "401", ref = OpenApiDocument.UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = OpenApiDocument.FORBIDDEN)
public class LeadListResource {

    private final LeadRepository leads;
    private final CurrentTenant tenant;

    LeadListResource(LeadRepository leads, CurrentTenant tenant) {
        this.leads = leads;
        this.tenant = tenant;
    }

    /** The tenant's lists by name. */
    @GET
    @Operation(summary = "The tenant's lead lists with their sizes")
    @APIResponse(responseCode = "200", description = "the lists")
    public List<LeadList> list() {
        return leads.lists(tenant.id());
    }
}
