package io.penguinmails.campaign.service.mailbox;

import io.penguinmails.campaign.EmailAccount;
import io.penguinmails.campaign.OutboxRecord;
import io.penguinmails.campaign.repository.OutboxRepository;
import io.penguinmails.contracts.EventJson;
import io.penguinmails.contracts.EventSchemas;
import io.penguinmails.contracts.MailboxChangeEvent;
import io.penguinmails.contracts.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.UUID;

/**
 * Announces mailbox changes on {@code mailbox.changes} (keyed by email account id) through the outbox, within the
 * transaction of the change, so ingest-service polls exactly the mailboxes that exist. The IMAP password travels
 * encrypted as stored: ingest holds the same key.
 */
@ApplicationScoped
public class MailboxChanges {

    /** The {@code ce_type} of mailbox change records. */
    public static final String EVENT_TYPE =
            "io.penguinmails." + Topics.MAILBOX_CHANGES + ".v" + MailboxChangeEvent.SCHEMA_VERSION;

    /** A new mailbox. */
    public static final String CREATED = "created";
    /** Changed settings, or a resumed mailbox (the v1 contract has no "resumed"; the status says active). */
    public static final String UPDATED = "updated";
    /** A paused mailbox: ingest stops polling it. */
    public static final String PAUSED = "paused";
    /** A deleted mailbox: ingest forgets it. */
    public static final String DELETED = "deleted";

    private final OutboxRepository outbox;

    MailboxChanges(OutboxRepository outbox) {
        this.outbox = outbox;
    }

    /** Queues the change of a mailbox as it is after the change. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void announce(String change, EmailAccount account) {
        Instant now = Instant.now();
        MailboxChangeEvent event = new MailboxChangeEvent(
                MailboxChangeEvent.SCHEMA_VERSION,
                change,
                account.tenantId().toString(),
                account.id().toString(),
                account.email(),
                account.status(),
                imap(account),
                now);
        String body = EventJson.write(event);
        // A body that breaks the contract is a bug here; failing now rolls the change back instead of poisoning ingest.
        EventSchemas.requireValid(Topics.MAILBOX_CHANGES, body);
        outbox.insert(new OutboxRecord(
                UUID.randomUUID(),
                account.tenantId(),
                Topics.MAILBOX_CHANGES,
                account.id().toString(),
                EVENT_TYPE,
                body,
                now));
    }

    private static MailboxChangeEvent.Imap imap(EmailAccount account) {
        EmailAccount.MailServer imap = account.imap();
        if (imap == null) {
            return null;
        }
        return new MailboxChangeEvent.Imap(
                imap.host(), imap.port(), imap.security(), imap.username(), imap.passwordEncrypted());
    }
}
