package io.penguinmails.campaign.rest;

import io.penguinmails.campaign.repository.CompanyRepository;
import io.penguinmails.campaign.repository.ConflictException;
import io.penguinmails.campaign.security.CurrentTenant;
import io.penguinmails.campaign.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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

/** Companies (workspaces) of the caller's tenant. */
@Path("/v1/companies")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.TENANT)
@Tag(name = "companies")
@SecurityRequirement(name = OpenApiDocument.BEARER)
@APIResponse(responseCode = "401", ref = OpenApiDocument.UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = OpenApiDocument.FORBIDDEN)
public class CompanyResource {

    private final CompanyRepository companies;
    private final CurrentTenant tenant;

    CompanyResource(CompanyRepository companies, CurrentTenant tenant) {
        this.companies = companies;
        this.tenant = tenant;
    }

    /** Creates a company. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(201)
    @Operation(summary = "Create a company (workspace)")
    @APIResponse(
            responseCode = "201",
            description = "the company",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = CompanyView.class)))
    @APIResponse(responseCode = "400", ref = OpenApiDocument.BAD_REQUEST)
    @APIResponse(responseCode = "422", ref = OpenApiDocument.UNPROCESSABLE)
    public CompanyView create(CompanyRequest request) {
        CompanyRequest body = RequestChecks.body(request);
        return CompanyView.of(companies.insert(
                tenant.id(),
                RequestChecks.required("name", body.name()),
                RequestChecks.optional("domain", body.domain()),
                RequestChecks.optional("industry", body.industry()),
                RequestChecks.optional("size", body.size())));
    }

    /** The tenant's companies by name. */
    @GET
    @Operation(summary = "The tenant's companies by name")
    @APIResponse(responseCode = "200", description = "the companies")
    public List<CompanyView> list() {
        return companies.list(tenant.id()).stream().map(CompanyView::of).toList();
    }

    /** One company. */
    @GET
    @Path("/{id}")
    @Operation(summary = "One company")
    @APIResponse(responseCode = "200", description = "the company")
    @APIResponse(responseCode = "404", ref = OpenApiDocument.NOT_FOUND)
    public CompanyView get(@PathParam("id") UUID id) {
        return companies.find(tenant.id(), id).map(CompanyView::of).orElseThrow(() -> notFound(id));
    }

    /** Replaces a company's fields. */
    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a company's fields")
    @APIResponse(responseCode = "200", description = "the company")
    @APIResponse(responseCode = "400", ref = OpenApiDocument.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = OpenApiDocument.NOT_FOUND)
    @APIResponse(responseCode = "422", ref = OpenApiDocument.UNPROCESSABLE)
    public CompanyView update(@PathParam("id") UUID id, CompanyRequest request) {
        CompanyRequest body = RequestChecks.body(request);
        return companies
                .update(
                        tenant.id(),
                        id,
                        RequestChecks.required("name", body.name()),
                        RequestChecks.optional("domain", body.domain()),
                        RequestChecks.optional("industry", body.industry()),
                        RequestChecks.optional("size", body.size()))
                .map(CompanyView::of)
                .orElseThrow(() -> notFound(id));
    }

    /** Deletes a company that nothing refers to any more. */
    @DELETE
    @Path("/{id}")
    @ResponseStatus(204)
    @Operation(summary = "Delete a company no domain, mailbox or campaign uses")
    @APIResponse(responseCode = "204", description = "deleted")
    @APIResponse(responseCode = "404", ref = OpenApiDocument.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = OpenApiDocument.CONFLICT)
    public void delete(@PathParam("id") UUID id) {
        try {
            if (!companies.delete(tenant.id(), id)) {
                throw notFound(id);
            }
        } catch (ConflictException e) {
            throw new ClientErrorException(e.getMessage(), 409);
        }
    }

    private static NotFoundException notFound(UUID id) {
        return new NotFoundException("no company " + id);
    }
}
