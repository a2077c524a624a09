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
import org.jboss.resteasy.reactive.ResponseStatus;

/** Companies (workspaces) of the caller's tenant. */
@Path("/v1/companies")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.TENANT)
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
    public List<CompanyView> list() {
        return companies.list(tenant.id()).stream().map(CompanyView::of).toList();
    }

    /** One company. */
    @GET
    @Path("/{id}")
    public CompanyView get(@PathParam("id") UUID id) {
        return companies.find(tenant.id(), id).map(CompanyView::of).orElseThrow(() -> notFound(id));
    }

    /** Replaces a company's fields. */
    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
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
