package io.penguinmails.campaign.rest;

import io.penguinmails.campaign.Lead;
import io.penguinmails.campaign.LeadImportReject;
import io.penguinmails.campaign.repository.ConflictException;
import io.penguinmails.campaign.repository.LeadImportRepository;
import io.penguinmails.campaign.repository.LeadRepository;
import io.penguinmails.campaign.security.CurrentTenant;
import io.penguinmails.campaign.security.Roles;
import io.penguinmails.campaign.service.lead.LeadImportService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ClientErrorException;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

/**
 * Leads of the caller's tenant and their CSV imports. An import answers 202 at once; the rows are read in the
 * background and the import's progress and rejected rows are read back here.
 */
@Path("/v1/leads")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.TENANT)
@Tag(name = "leads")
@SecurityRequirement(name = OpenApiDocument.BEARER)
@APIResponse(responseCode = "401", ref = OpenApiDocument.UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = OpenApiDocument.FORBIDDEN)
public class LeadResource {

    static final int MAX_PAGE = 500;
    static final String MAP_PREFIX = "map.";

    private final LeadImportService importService;
    private final LeadImportRepository imports;
    private final LeadRepository leads;
    private final CurrentTenant tenant;

    LeadResource(
            LeadImportService importService, LeadImportRepository imports, LeadRepository leads, CurrentTenant tenant) {
        this.importService = importService;
        this.imports = imports;
        this.leads = leads;
        this.tenant = tenant;
    }

    /**
     * Queues a CSV import into the list {@code list} (created when missing). Query parameters {@code
     * map.<column>=<field>} map CSV columns to lead fields, custom field keys or {@code ignore}.
     */
    @POST
    @Path("/import")
    @Consumes({"text/csv", "application/csv"})
    @Operation(
            summary = "Queue a CSV import into a lead list",
            description =
                    "Rows are read in the background; map.<column>=<field> query parameters map columns. Progress: GET /v1/leads/imports/{id}.")
    @APIResponse(
            responseCode = "202",
            description = "queued: {\"import_id\": \"...\"}, Location: /v1/leads/imports/{id}")
    @APIResponse(responseCode = "413", description = "the body is larger than quarkus.http.limits.max-body-size")
    @APIResponse(responseCode = "400", ref = OpenApiDocument.BAD_REQUEST)
    @APIResponse(responseCode = "422", ref = OpenApiDocument.UNPROCESSABLE)
    public Response importCsv(@QueryParam("list") String list, @Context UriInfo uri, byte[] body) {
        String listName = RequestChecks.required("list", list);
        if (body == null || body.length == 0) {
            throw new BadRequestException("the CSV body is empty");
        }
        UUID id;
        try {
            id = importService.submit(tenant.id(), listName, mapping(uri), body);
        } catch (IllegalArgumentException e) {
            throw RequestChecks.unprocessable(e.getMessage());
        }
        return Response.accepted(Map.of("import_id", id))
                .location(uri.getBaseUriBuilder().path("v1/leads/imports/{id}").build(id))
                .build();
    }

    /** The progress of an import. */
    @GET
    @Path("/imports/{id}")
    @Operation(
            summary = "The progress of an import",
            description =
                    "processed of total rows so far, imported, duplicates and rejected; status queued, running, completed or failed.")
    @APIResponse(responseCode = "200", description = "the import")
    @APIResponse(responseCode = "404", ref = OpenApiDocument.NOT_FOUND)
    public LeadImportView importStatus(@PathParam("id") UUID id) {
        return imports.find(tenant.id(), id).map(LeadImportView::of).orElseThrow(() -> noImport(id));
    }

    /** The rows an import left out, with the reason, in row order after row {@code after}. */
    @GET
    @Path("/imports/{id}/rejects")
    @Operation(summary = "The rows an import left out, with the reason")
    @APIResponse(responseCode = "200", description = "rejected rows in row order")
    @APIResponse(responseCode = "400", ref = OpenApiDocument.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = OpenApiDocument.NOT_FOUND)
    @APIResponse(responseCode = "422", ref = OpenApiDocument.UNPROCESSABLE)
    public List<LeadImportReject> rejects(
            @PathParam("id") UUID id,
            @QueryParam("after") @DefaultValue("0") int after,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        if (imports.find(tenant.id(), id).isEmpty()) {
            throw noImport(id);
        }
        return imports.rejects(tenant.id(), id, after, pageSize(limit));
    }

    /** The tenant's leads in id order, of one list when {@code list} is given; keyset-paginated by {@code after}. */
    @GET
    @Operation(summary = "The tenant's leads, keyset-paginated, optionally of one list")
    @APIResponse(responseCode = "200", description = "a page of leads and the next_after cursor")
    @APIResponse(responseCode = "400", ref = OpenApiDocument.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = OpenApiDocument.NOT_FOUND)
    @APIResponse(responseCode = "422", ref = OpenApiDocument.UNPROCESSABLE)
    public LeadPage list(
            @QueryParam("list") String list,
            @QueryParam("after") UUID after,
            @QueryParam("limit") @DefaultValue("50") int limit) {
        UUID listId = null;
        if (list != null) {
            listId = leads.findList(tenant.id(), list).orElseThrow(() -> new NotFoundException("no list " + list));
        }
        int size = pageSize(limit);
        List<Lead> page = leads.page(tenant.id(), listId, after, size);
        UUID next = page.size() == size ? page.get(page.size() - 1).id() : null;
        return new LeadPage(page.stream().map(LeadView::of).toList(), next);
    }

    /** One lead. */
    @GET
    @Path("/{id}")
    @Operation(summary = "One lead")
    @APIResponse(responseCode = "200", description = "the lead")
    @APIResponse(responseCode = "404", ref = OpenApiDocument.NOT_FOUND)
    public LeadView get(@PathParam("id") UUID id) {
        return leads.find(tenant.id(), id).map(LeadView::of).orElseThrow(() -> noLead(id));
    }

    /** Deletes a lead that no campaign has enrolled. */
    @DELETE
    @Path("/{id}")
    @ResponseStatus(204)
    @Operation(summary = "Delete a lead no campaign has enrolled")
    @APIResponse(responseCode = "204", description = "deleted")
    @APIResponse(responseCode = "404", ref = OpenApiDocument.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = OpenApiDocument.CONFLICT)
    public void delete(@PathParam("id") UUID id) {
        try {
            if (!leads.delete(tenant.id(), id)) {
                throw noLead(id);
            }
        } catch (ConflictException e) {
            throw new ClientErrorException(e.getMessage(), 409);
        }
    }

    private static Map<String, String> mapping(UriInfo uri) {
        Map<String, String> mapping = new LinkedHashMap<>();
        uri.getQueryParameters().forEach((name, values) -> {
            if (name.startsWith(MAP_PREFIX) && name.length() > MAP_PREFIX.length() && !values.isEmpty()) {
                mapping.put(name.substring(MAP_PREFIX.length()), values.get(0));
            }
        });
        return mapping;
    }

    private static int pageSize(int limit) {
        return RequestChecks.range("limit", limit, 1, MAX_PAGE);
    }

    private static NotFoundException noImport(UUID id) {
        return new NotFoundException("no lead import " + id);
    }

    private static NotFoundException noLead(UUID id) {
        return new NotFoundException("no lead " + id);
    }
}
