package io.penguinmails.campaign.service.mailbox;

import io.penguinmails.campaign.EmailAccount;
import io.penguinmails.campaign.EmailAccount.MailServer;
import io.penguinmails.campaign.repository.CompanyRepository;
import io.penguinmails.campaign.repository.EmailAccountRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.ClientErrorException;
import java.util.Optional;
import java.util.UUID;

/**
 * Creates and changes tenant mailboxes. Passwords are encrypted before they reach the database, and every change is
 * announced on {@code mailbox.changes} in the same transaction.
 */
@ApplicationScoped
public class EmailAccountService {

    private static final String ACTIVE = "active";

    private final EmailAccountRepository accounts;
    private final CompanyRepository companies;
    private final MailboxSecrets secrets;
    private final MailboxChanges changes;

    EmailAccountService(
            EmailAccountRepository accounts,
            CompanyRepository companies,
            MailboxSecrets secrets,
            MailboxChanges changes) {
        this.accounts = accounts;
        this.companies = companies;
        this.secrets = secrets;
        this.changes = changes;
    }

    /**
     * Creates a mailbox.
     *
     * @throws ClientErrorException 422 when the company is not the tenant's
     * @throws io.penguinmails.campaign.repository.ConflictException when the address is taken
     */
    @Transactional
    public EmailAccount create(UUID tenantId, MailboxSettings settings) {
        requireCompany(tenantId, settings.companyId());
        EmailAccount created = accounts.insert(tenantId, toAccount(tenantId, settings));
        changes.announce(MailboxChanges.CREATED, created);
        return created;
    }

    /**
     * Stores new settings; a null password keeps the stored one. An errored mailbox becomes active again (the user has
     * fixed it). Empty when there is no such live mailbox.
     */
    @Transactional
    public Optional<EmailAccount> update(UUID tenantId, UUID id, MailboxSettings settings) {
        requireCompany(tenantId, settings.companyId());
        Optional<EmailAccount> updated = accounts.update(tenantId, id, toAccount(tenantId, settings));
        updated.ifPresent(account -> changes.announce(MailboxChanges.UPDATED, account));
        return updated;
    }

    /** Stops sending from and polling the mailbox. */
    @Transactional
    public Optional<EmailAccount> pause(UUID tenantId, UUID id) {
        Optional<EmailAccount> paused = accounts.setStatus(tenantId, id, "paused");
        paused.ifPresent(account -> changes.announce(MailboxChanges.PAUSED, account));
        return paused;
    }

    /**
     * Makes a paused or errored mailbox active again; the v1 contract has no "resumed", so ingest sees an update with
     * status active.
     */
    @Transactional
    public Optional<EmailAccount> resume(UUID tenantId, UUID id) {
        Optional<EmailAccount> resumed = accounts.setStatus(tenantId, id, ACTIVE);
        resumed.ifPresent(account -> changes.announce(MailboxChanges.UPDATED, account));
        return resumed;
    }

    /**
     * Takes an active mailbox out of sending because the mailbox itself failed (its SMTP login was refused): status
     * {@code error} with the reason in {@code last_error}, announced as an update. A mailbox that is not active
     * (already errored, paused or deleted) is left as it is, so parallel failures announce it once. Updating its
     * settings or resuming it makes it active again.
     */
    @Transactional
    public Optional<EmailAccount> markError(UUID tenantId, UUID id, String reason) {
        Optional<EmailAccount> errored = accounts.markError(tenantId, id, reason);
        errored.ifPresent(account -> changes.announce(MailboxChanges.UPDATED, account));
        return errored;
    }

    /** Soft-deletes the mailbox: its sends stay attributed, ingest stops polling it. */
    @Transactional
    public Optional<EmailAccount> delete(UUID tenantId, UUID id) {
        Optional<EmailAccount> deleted = accounts.softDelete(tenantId, id);
        deleted.ifPresent(account -> changes.announce(MailboxChanges.DELETED, account));
        return deleted;
    }

    private void requireCompany(UUID tenantId, UUID companyId) {
        if (companyId != null && companies.find(tenantId, companyId).isEmpty()) {
            throw new ClientErrorException("no company " + companyId, 422);
        }
    }

    private EmailAccount toAccount(UUID tenantId, MailboxSettings settings) {
        return new EmailAccount(
                null,
                tenantId,
                settings.companyId(),
                null,
                settings.email(),
                settings.fromName(),
                ACTIVE,
                settings.dailyLimit(),
                settings.rampStart(),
                settings.rampStep(),
                server(settings.smtp()),
                server(settings.imap()),
                null,
                null,
                null);
    }

    private MailServer server(MailboxSettings.Server server) {
        if (server == null) {
            return null;
        }
        String password = server.password() == null ? null : secrets.encrypt(server.password());
        return new MailServer(server.host(), server.port(), server.security(), server.username(), password);
    }
}
