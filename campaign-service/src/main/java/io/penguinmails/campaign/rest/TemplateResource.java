package io.penguinmails.campaign.rest;

import io.penguinmails.campaign.Lead;
import io.penguinmails.campaign.Template;
import io.penguinmails.campaign.repository.LeadRepository;
import io.penguinmails.campaign.repository.TemplateRepository;
import io.penguinmails.campaign.security.CurrentTenant;
import io.penguinmails.campaign.security.Roles;
import io.penguinmails.campaign.service.template.TemplateRenderer;
import io.penguinmails.campaign.service.template.TemplateService;
import jakarta.annotation.security.RolesAllowed;
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
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

/**
 * Email templates of the caller's tenant. A save whose placeholders without fallback no lead could fill answers 422
 * naming them; a preview renders the template for one lead.
 */
@Path("/v1/templates")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.TENANT)
@Tag(name = "templates")
@SecurityRequirement(name = OpenApiDocument.BEARER)
@APIResponse(responseCode = "401", ref = OpenApiDocument.UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = OpenApiDocument.FORBIDDEN)
public class TemplateResource {

    static final int MAX_SUBJECT = 998;
    static final int MAX_BODY = 1_000_000;

    private final TemplateService service;
    private final TemplateRepository templates;
    private final LeadRepository leads;
    private final CurrentTenant tenant;

    TemplateResource(
            TemplateService service, TemplateRepository templates, LeadRepository leads, CurrentTenant tenant) {
        this.service = service;
        this.templates = templates;
        this.leads = leads;
        this.tenant = tenant;
    }

    /** Creates a template; answers its id. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(201)
    @Operation(
            summary = "Create a template",
            description = "A placeholder without fallback that no lead could fill is refused (422, naming it).")
    @APIResponse(
            responseCode = "201",
            description = "the new template's id",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = CampaignResource.Created.class)))
    @APIResponse(responseCode = "400", ref = OpenApiDocument.BAD_REQUEST)
    @APIResponse(responseCode = "422", ref = OpenApiDocument.UNPROCESSABLE)
    public Map<String, UUID> create(TemplateRequest request) {
        TemplateRequest body = checked(request);
        Template created = variablesChecked(
                () -> service.create(tenant.id(), body.name(), body.subject(), body.html(), body.text()));
        return Map.of("id", created.id());
    }

    /** The tenant's templates. */
    @GET
    @Operation(summary = "The tenant's templates")
    @APIResponse(responseCode = "200", description = "the templates")
    public List<TemplateView> list() {
        return templates.list(tenant.id()).stream().map(TemplateView::of).toList();
    }

    /** One template. */
    @GET
    @Path("/{id}")
    @Operation(summary = "One template with the variables it uses")
    @APIResponse(responseCode = "200", description = "the template")
    @APIResponse(responseCode = "404", ref = OpenApiDocument.NOT_FOUND)
    public TemplateView get(@PathParam("id") UUID id) {
        return TemplateView.of(current(id));
    }

    /** Replaces a template's content. */
    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a template's content", description = "Checked like a new template.")
    @APIResponse(responseCode = "200", description = "the template")
    @APIResponse(responseCode = "400", ref = OpenApiDocument.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = OpenApiDocument.NOT_FOUND)
    @APIResponse(responseCode = "422", ref = OpenApiDocument.UNPROCESSABLE)
    public TemplateView update(@PathParam("id") UUID id, TemplateRequest request) {
        TemplateRequest body = checked(request);
        return variablesChecked(
                        () -> service.update(tenant.id(), id, body.name(), body.subject(), body.html(), body.text()))
                .map(TemplateView::of)
                .orElseThrow(() -> notFound(id));
    }

    /** Deletes a template (campaign steps that sent it keep their reference). */
    @DELETE
    @Path("/{id}")
    @ResponseStatus(204)
    @Operation(summary = "Delete a template", description = "Campaign steps that used it keep their reference.")
    @APIResponse(responseCode = "204", description = "deleted")
    @APIResponse(responseCode = "404", ref = OpenApiDocument.NOT_FOUND)
    public void delete(@PathParam("id") UUID id) {
        if (!templates.delete(tenant.id(), id)) {
            throw notFound(id);
        }
    }

    /** The template rendered for one of the tenant's leads. */
    @POST
    @Path("/{id}/preview")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Render a template for one lead",
            description =
                    "Values inserted into the HTML part are HTML-escaped; a lead without a value for a placeholder without fallback is a 422.")
    @APIResponse(responseCode = "200", description = "subject, html and text as they would be sent")
    @APIResponse(responseCode = "400", ref = OpenApiDocument.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = OpenApiDocument.NOT_FOUND)
    @APIResponse(responseCode = "422", ref = OpenApiDocument.UNPROCESSABLE)
    public TemplateService.Rendered preview(@PathParam("id") UUID id, PreviewRequest request) {
        PreviewRequest body = RequestChecks.body(request);
        if (body.leadId() == null) {
            throw RequestChecks.unprocessable("lead_id is required");
        }
        Template template = current(id);
        Lead lead = leads.find(tenant.id(), body.leadId())
                .orElseThrow(() -> new NotFoundException("no lead " + body.leadId()));
        try {
            return service.preview(template, lead);
        } catch (TemplateRenderer.MissingVariableException e) {
            throw RequestChecks.unprocessable(
                    "the lead has no value for {{" + e.variable() + "}} and it has no fallback");
        }
    }

    private Template current(UUID id) {
        return templates.find(tenant.id(), id).orElseThrow(() -> notFound(id));
    }

    private static TemplateRequest checked(TemplateRequest request) {
        TemplateRequest body = RequestChecks.body(request);
        String name = RequestChecks.required("name", body.name());
        String subject = body.subject() == null ? "" : body.subject().strip();
        if (subject.isEmpty() || subject.length() > MAX_SUBJECT) {
            throw RequestChecks.unprocessable("subject is required, at most " + MAX_SUBJECT + " characters");
        }
        String html = blankToNull(body.html());
        String text = blankToNull(body.text());
        if (html == null && text == null) {
            throw RequestChecks.unprocessable("html or text is required");
        }
        if ((html != null && html.length() > MAX_BODY) || (text != null && text.length() > MAX_BODY)) {
            throw RequestChecks.unprocessable("html and text are limited to " + MAX_BODY + " characters each");
        }
        return new TemplateRequest(name, subject, html, text);
    }

    private static <T> T variablesChecked(Supplier<T> save) {
        try {
            return save.get();
        } catch (TemplateService.UnknownVariablesException e) {
            throw RequestChecks.unprocessable(e.getMessage());
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static NotFoundException notFound(UUID id) {
        return new NotFoundException("no template " + id);
    }
}
