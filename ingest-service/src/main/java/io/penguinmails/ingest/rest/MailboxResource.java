package io.penguinmails.ingest.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.penguinmails.ingest.repository.MailboxRepository;
import io.penguinmails.ingest.security.CurrentTenant;
import io.penguinmails.ingest.service.imap.ImapFetcher;
import io.penguinmails.ingest.service.imap.Mailbox;
import io.penguinmails.ingest.service.imap.MailboxCursor;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Shows the tenant's polled mailboxes (as {@code mailbox.changes} described them) and how polling each one goes:
 * where its cursor stands, and its last error while it fails. Passwords are never shown.
 */
@Path("/v1/mailboxes")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class MailboxResource {

    private final MailboxRepository mailboxes;
    private final CurrentTenant tenant;

    MailboxResource(MailboxRepository mailboxes, CurrentTenant tenant) {
        this.mailboxes = mailboxes;
        this.tenant = tenant;
    }

    @GET
    @Operation(summary = "The tenant's mailboxes with their poll state")
    public Map<String, List<MailboxView>> list() {
        return Map.of(
                "mailboxes",
                mailboxes.list(tenant.id()).stream().map(this::view).toList());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One mailbox with its poll state; another tenant's mailbox is answered 404")
    public MailboxView get(@PathParam("id") String id) {
        return mailboxes
                .find(tenant.id(), id)
                .map(this::view)
                .orElseThrow(() -> new NotFoundException("no such mailbox"));
    }

    private MailboxView view(Mailbox mailbox) {
        MailboxCursor cursor =
                mailboxes.cursor(mailbox.emailAccountId(), ImapFetcher.FOLDER).orElse(null);
        return MailboxView.of(mailbox, cursor);
    }

    /**
     * A mailbox as the API shows it.
     *
     * @param pollState {@code ok}, {@code pending} (not polled yet), {@code error}, {@code paused} or
     *     {@code unconfigured} (no IMAP settings)
     * @param cursor where fetching INBOX stands; null before the first successful login
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record MailboxView(
            @JsonProperty("email_account_id") String emailAccountId,
            @JsonProperty("email") String email,
            @JsonProperty("status") String status,
            @JsonProperty("poll_state") String pollState,
            @JsonProperty("imap") ImapView imap,
            @JsonProperty("last_polled_at") Instant lastPolledAt,
            @JsonProperty("last_success_at") Instant lastSuccessAt,
            @JsonProperty("last_error") String lastError,
            @JsonProperty("last_error_at") Instant lastErrorAt,
            @JsonProperty("consecutive_failures") int consecutiveFailures,
            @JsonProperty("next_attempt_at") Instant nextAttemptAt,
            @JsonProperty("cursor") CursorView cursor) {

        static MailboxView of(Mailbox m, MailboxCursor cursor) {
            Mailbox.Imap imap = m.imap();
            return new MailboxView(
                    m.emailAccountId(),
                    m.email(),
                    m.status(),
                    m.pollState(),
                    imap == null ? null : new ImapView(imap.host(), imap.port(), imap.security(), imap.username()),
                    m.lastPolledAt(),
                    m.lastSuccessAt(),
                    m.lastError(),
                    m.lastErrorAt(),
                    m.consecutiveFailures(),
                    m.nextAttemptAt(),
                    cursor == null ? null : CursorView.of(cursor));
        }
    }

    /** IMAP settings without the password. */
    public record ImapView(
            @JsonProperty("host") String host,
            @JsonProperty("port") int port,
            @JsonProperty("security") String security,
            @JsonProperty("username") String username) {}

    /** Where fetching a folder stands. */
    public record CursorView(
            @JsonProperty("folder") String folder,
            @JsonProperty("uid_validity") long uidValidity,
            @JsonProperty("last_uid") long lastUid,
            @JsonProperty("messages_fetched") long messagesFetched,
            @JsonProperty("messages_refused") long messagesRefused,
            @JsonProperty("last_refused") String lastRefused,
            @JsonProperty("updated") Instant updated) {

        static CursorView of(MailboxCursor c) {
            return new CursorView(
                    c.folder(),
                    c.uidValidity(),
                    c.lastUid(),
                    c.messagesFetched(),
                    c.messagesRefused(),
                    c.lastRefused(),
                    c.updated());
        }
    }
}
