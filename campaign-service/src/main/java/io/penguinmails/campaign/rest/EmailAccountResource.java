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
import org.jboss.resteasy.reactive.ResponseStatus;

/**
 * Mailboxes (email accounts) of the caller's tenant, with their SMTP and IMAP settings. Passwords go in, never out.
 * Every change is published on {@code mailbox.changes} for ingest-service.
 */
@Path("/v1/email-accounts")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.TENANT)
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
    public Map<String, UUID> create(EmailAccountRequest request) {
        MailboxSettings settings = MailboxRequests.settings(request);
        return Map.of(
                "id", conflictAware(() -> service.create(tenant.id(), settings)).id());
    }

    /** The tenant's live mailboxes. */
    @GET
    public List<EmailAccountView> list() {
        return accounts.list(tenant.id()).stream().map(EmailAccountView::of).toList();
    }

    /** One mailbox. */
    @GET
    @Path("/{id}")
    public EmailAccountView get(@PathParam("id") UUID id) {
        return EmailAccountView.of(current(id));
    }

    /** Replaces the settings; omitted passwords are kept, an omitted imap removes IMAP access. */
    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public EmailAccountView replace(@PathParam("id") UUID id, EmailAccountRequest request) {
        return store(id, MailboxRequests.settings(request));
    }

    /** Changes only the given fields. */
    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public EmailAccountView patch(@PathParam("id") UUID id, EmailAccountRequest request) {
        return store(id, MailboxRequests.settings(MailboxRequests.merge(current(id), request)));
    }

    /** Stops sending from and polling the mailbox. */
    @POST
    @Path("/{id}/pause")
    public EmailAccountView pause(@PathParam("id") UUID id) {
        return service.pause(tenant.id(), id).map(EmailAccountView::of).orElseThrow(() -> notFound(id));
    }

    /** Makes a paused mailbox active again. */
    @POST
    @Path("/{id}/resume")
    public EmailAccountView resume(@PathParam("id") UUID id) {
        return service.resume(tenant.id(), id).map(EmailAccountView::of).orElseThrow(() -> notFound(id));
    }

    /** Deletes the mailbox (soft: past sends stay attributed to it). */
    @DELETE
    @Path("/{id}")
    @ResponseStatus(204)
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
