package io.penguinmails.campaign.rest;

import io.penguinmails.campaign.EmailAccount;
import io.penguinmails.campaign.repository.ConflictException;
import io.penguinmails.campaign.repository.EmailAccountRepository;
import io.penguinmails.campaign.security.CurrentTenant;
import io.penguinmails.campaign.security.Roles;
import io.penguinmails.campaign.service.mailbox.EmailAccountService;
import io.penguinmails.campaign.service.mailbox.MailboxSettings;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PATCH;
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
 * Mailboxes (email accounts) of the caller's tenant, with their SMTP and IMAP settings. Passwords go in, never out.
 * Every change is published on {@code mailbox.changes} for ingest-service.
 */
@Path("/v1/email-accounts")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.TENANT)
@Tag(name = "email-accounts")
@SecurityRequirement(name = OpenApiDocument.BEARER)
@APIResponse(responseCode = "401", ref = OpenApiDocument.UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = OpenApiDocument.FORBIDDEN)
public class EmailAccountResource {

    private final EmailAccountService service;
    private final EmailAccountRepository accounts;
    private final CurrentTenant tenant;

    EmailAccountResource(EmailAccountService service, EmailAccountRepository accounts, CurrentTenant tenant) {
        this.service = service;
        this.accounts = accounts;
        this.tenant = tenant;
    }

    /** Creates a mailbox; answers its id. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(201)
    @Operation(
            summary = "Add a mailbox with its SMTP and IMAP settings",
            description = "Passwords are stored encrypted and never returned.")
    @APIResponse(
            responseCode = "201",
            description = "the new mailbox's id",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = CampaignResource.Created.class)))
    @APIResponse(responseCode = "400", ref = OpenApiDocument.BAD_REQUEST)
    @APIResponse(responseCode = "409", ref = OpenApiDocument.CONFLICT)
    @APIResponse(responseCode = "422", ref = OpenApiDocument.UNPROCESSABLE)
    public Map<String, UUID> create(EmailAccountRequest request) {
        MailboxSettings settings = MailboxRequests.settings(request);
        return Map.of(
                "id", conflictAware(() -> service.create(tenant.id(), settings)).id());
    }

    /** The tenant's live mailboxes. */
    @GET
    @Operation(summary = "The tenant's mailboxes (without passwords)")
    @APIResponse(responseCode = "200", description = "the mailboxes")
    public List<EmailAccountView> list() {
        return accounts.list(tenant.id()).stream().map(EmailAccountView::of).toList();
    }

    /** One mailbox. */
    @GET
    @Path("/{id}")
    @Operation(summary = "One mailbox (without passwords)")
    @APIResponse(responseCode = "200", description = "the mailbox")
    @APIResponse(responseCode = "404", ref = OpenApiDocument.NOT_FOUND)
    public EmailAccountView get(@PathParam("id") UUID id) {
        return EmailAccountView.of(current(id));
    }

    /** Replaces the settings; omitted passwords are kept, an omitted imap removes IMAP access. */
    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Replace every setting of a mailbox",
            description = "A stored password is kept when the body has none.")
    @APIResponse(responseCode = "200", description = "the mailbox")
    @APIResponse(responseCode = "400", ref = OpenApiDocument.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = OpenApiDocument.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = OpenApiDocument.CONFLICT)
    @APIResponse(responseCode = "422", ref = OpenApiDocument.UNPROCESSABLE)
    public EmailAccountView replace(@PathParam("id") UUID id, EmailAccountRequest request) {
        return store(id, MailboxRequests.settings(request));
    }

    /** Changes only the given fields. */
    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change the settings the body carries")
    @APIResponse(responseCode = "200", description = "the mailbox")
    @APIResponse(responseCode = "400", ref = OpenApiDocument.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = OpenApiDocument.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = OpenApiDocument.CONFLICT)
    @APIResponse(responseCode = "422", ref = OpenApiDocument.UNPROCESSABLE)
    public EmailAccountView patch(@PathParam("id") UUID id, EmailAccountRequest request) {
        return store(id, MailboxRequests.settings(MailboxRequests.merge(current(id), request)));
    }

    /** Stops sending from and polling the mailbox. */
    @POST
    @Path("/{id}/pause")
    @Operation(summary = "Pause a mailbox: campaigns skip it and ingest stops polling it")
    @APIResponse(responseCode = "200", description = "the mailbox")
    @APIResponse(responseCode = "404", ref = OpenApiDocument.NOT_FOUND)
    public EmailAccountView pause(@PathParam("id") UUID id) {
        return service.pause(tenant.id(), id).map(EmailAccountView::of).orElseThrow(() -> notFound(id));
    }

    /** Makes a paused mailbox active again. */
    @POST
    @Path("/{id}/resume")
    @Operation(summary = "Resume a paused mailbox")
    @APIResponse(responseCode = "200", description = "the mailbox")
    @APIResponse(responseCode = "404", ref = OpenApiDocument.NOT_FOUND)
    public EmailAccountView resume(@PathParam("id") UUID id) {
        return service.resume(tenant.id(), id).map(EmailAccountView::of).orElseThrow(() -> notFound(id));
    }

    /** Deletes the mailbox (soft: past sends stay attributed to it). */
    @DELETE
    @Path("/{id}")
    @ResponseStatus(204)
    @Operation(summary = "Delete a mailbox (soft: past sends stay attributed)")
    @APIResponse(responseCode = "204", description = "deleted")
    @APIResponse(responseCode = "404", ref = OpenApiDocument.NOT_FOUND)
    public void delete(@PathParam("id") UUID id) {
        service.delete(tenant.id(), id).orElseThrow(() -> notFound(id));
    }

    private EmailAccountView store(UUID id, MailboxSettings settings) {
        return conflictAware(() -> service.update(tenant.id(), id, settings))
                .map(EmailAccountView::of)
                .orElseThrow(() -> notFound(id));
    }

    private EmailAccount current(UUID id) {
        return accounts.find(tenant.id(), id).orElseThrow(() -> notFound(id));
    }

    private static <T> T conflictAware(Supplier<T> change) {
        try {
            return change.get();
        } catch (ConflictException e) {
            throw new ClientErrorException(e.getMessage(), 409);
        }
    }

    private static NotFoundException notFound(UUID id) {
        return new NotFoundException("no email account " + id);
    }
}
