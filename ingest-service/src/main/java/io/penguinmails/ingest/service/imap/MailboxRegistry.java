package io.penguinmails.ingest.service.imap;

import io.penguinmails.contracts.InvalidEventException;
import io.penguinmails.contracts.MailboxChangeEvent;
import io.penguinmails.contracts.Topics;
import io.penguinmails.ingest.repository.MailboxRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Keeps {@code mailboxes} as {@code mailbox.changes} describes them. Each change is applied with its event id in one
 * transaction, so a redelivered record changes nothing; a change older than the one applied last is ignored.
 */
@ApplicationScoped
public class MailboxRegistry {

    /** Statuses of a created or updated mailbox that mean "do not poll it". */
    private static final Set<String> NOT_POLLED = Set.of("paused", "disabled");

    private final MailboxRepository mailboxes;

    MailboxRegistry(MailboxRepository mailboxes) {
        this.mailboxes = mailboxes;
    }

    /**
     * Applies one change.
     *
     * @return false when the event was applied before
     * @throws InvalidEventException when the mailbox id belongs to another tenant
     */
    @Transactional
    public boolean apply(String eventId, MailboxChangeEvent event) {
        if (!mailboxes.markProcessed(eventId, Topics.MAILBOX_CHANGES)) {
            return false;
        }
        UUID tenantId = UUID.fromString(event.tenantId());
        Optional<Mailbox> current = mailboxes.findAnyTenant(event.emailAccountId());
        if (current.isPresent() && !current.get().tenantId().equals(tenantId)) {
            throw new InvalidEventException("mailbox " + event.emailAccountId() + " belongs to another tenant");
        }
        if ("deleted".equals(event.change())) {
            mailboxes.delete(tenantId, event.emailAccountId(), event.occurredAt());
        } else {
            store(toMailbox(event, tenantId), current, event.occurredAt());
        }
        return true;
    }

    private void store(Mailbox next, Optional<Mailbox> current, Instant changedAt) {
        boolean stored = mailboxes.upsert(next, changedAt);
        if (stored && current.map(c -> loginChanged(c, next)).orElse(false)) {
            mailboxes.deleteCursors(next.emailAccountId());
        }
    }

    private static Mailbox toMailbox(MailboxChangeEvent event, UUID tenantId) {
        boolean paused =
                "paused".equals(event.change()) || (event.status() != null && NOT_POLLED.contains(event.status()));
        MailboxChangeEvent.Imap imap = event.imap();
        return new Mailbox(
                event.emailAccountId(),
                tenantId,
                event.email(),
                paused ? Mailbox.PAUSED : Mailbox.ACTIVE,
                imap == null ? null : new Mailbox.Imap(imap.host(), imap.port(), imap.security(), imap.username()),
                imap == null ? null : imap.passwordEncrypted(),
                null,
                null,
                null,
                null,
                0,
                null);
    }

    /** Another server or account: its UIDs say nothing about the old cursor, even under an equal UIDVALIDITY. */
    private static boolean loginChanged(Mailbox current, Mailbox next) {
        if (current.imap() == null || next.imap() == null) {
            return false;
        }
        return !Objects.equals(current.imap().host(), next.imap().host())
                || !Objects.equals(current.imap().username(), next.imap().username());
    }
}
