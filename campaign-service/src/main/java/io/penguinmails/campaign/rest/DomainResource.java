package io.penguinmails.campaign.rest;

import io.penguinmails.campaign.Domain;
import io.penguinmails.campaign.repository.ConflictException;
import io.penguinmails.campaign.repository.DomainRepository;
import io.penguinmails.campaign.security.CurrentTenant;
import io.penguinmails.campaign.security.Roles;
import io.penguinmails.campaign.service.domain.DomainService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

/** Sending domains of the caller's tenant, each with the SPF, DKIM and DMARC records to publish. */
@Path("/v1/domains")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.TENANT)
@Tag(name = "domains")
@SecurityRequirement(name = OpenApiDocument.BEARER)
@APIResponse(responseCode = "401", ref = OpenApiDocument.UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = OpenApiDocument.FORBIDDEN)
public class DomainResource {

    private final DomainService service;
    private final DomainRepository domains;
    private final CurrentTenant tenant;

    DomainResource(DomainService service, DomainRepository domains, CurrentTenant tenant) {
        this.service = service;
        this.domains = domains;
        this.tenant = tenant;
    }

    /** Adds a domain and generates its DKIM key pair; it stays pending (no DNS lookups). */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(201)
    @Operation(
            summary = "Add a sending domain",
            description = "Generates its DKIM key; the answer lists the SPF, DKIM and DMARC records to publish.")
    @APIResponse(
            responseCode = "201",
            description = "the domain with its DNS records",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = DomainView.class)))
    @APIResponse(responseCode = "400", ref = OpenApiDocument.BAD_REQUEST)
    @APIResponse(responseCode = "409", ref = OpenApiDocument.CONFLICT)
    @APIResponse(responseCode = "422", ref = OpenApiDocument.UNPROCESSABLE)
    public DomainView create(DomainRequest request) {
        DomainRequest body = RequestChecks.body(request);
        String name = RequestChecks.hostname("name", body.name());
        if (!name.contains(".")) {
            throw RequestChecks.unprocessable("name must be a domain name such as example.com");
        }
        try {
            return view(service.create(tenant.id(), name, body.companyId()));
        } catch (ConflictException e) {
            throw new ClientErrorException(e.getMessage(), 409);
        }
    }

    /** The tenant's domains. */
    @GET
    @Operation(summary = "The tenant's domains with their DNS records")
    @APIResponse(responseCode = "200", description = "the domains")
    public List<DomainView> list() {
        return domains.list(tenant.id()).stream().map(this::view).toList();
    }

    /** One domain. */
    @GET
    @Path("/{id}")
    @Operation(summary = "One domain with its DNS records")
    @APIResponse(responseCode = "200", description = "the domain")
    @APIResponse(responseCode = "404", ref = OpenApiDocument.NOT_FOUND)
    public DomainView get(@PathParam("id") UUID id) {
        return domains.find(tenant.id(), id).map(this::view).orElseThrow(() -> notFound(id));
    }

    /** Deletes a domain and its DKIM keys. */
    @DELETE
    @Path("/{id}")
    @ResponseStatus(204)
    @Operation(summary = "Delete a domain", description = "Its mailboxes are unlinked and keep working.")
    @APIResponse(responseCode = "204", description = "deleted")
    @APIResponse(responseCode = "404", ref = OpenApiDocument.NOT_FOUND)
    public void delete(@PathParam("id") UUID id) {
        if (!domains.delete(tenant.id(), id)) {
            throw notFound(id);
        }
    }

    private DomainView view(Domain domain) {
        return DomainView.of(domain, service.records(domain));
    }

    private static NotFoundException notFound(UUID id) {
        return new NotFoundException("no domain " + id);
    }
}
