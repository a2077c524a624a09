package io.penguinmails.campaign.service.engine;

import io.penguinmails.campaign.DueEnrollment;
import io.penguinmails.campaign.repository.EngineRepository;
import io.penguinmails.campaign.service.mailbox.EmailAccountService;
import io.penguinmails.campaign.service.send.SendResult;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Settles a send refused because of its mailbox (a rejected SMTP login, unreadable credentials). The mailbox goes to
 * status {@code error} with the reason, and the lead's step goes back, due at once and without using up an attempt:
 * the next pass sends it from another usable mailbox of the campaign, or (a follow-up that must stay on its mailbox)
 * lets it wait until the user fixes the mailbox. Both commit together with the mailbox reservation given back.
 */
@ApplicationScoped
class UnusableMailboxes {

    private static final Logger LOG = Logger.getLogger(UnusableMailboxes.class);

    private final EngineRepository repository;
    private final EmailAccountService mailboxes;
    private final Clock clock;

    UnusableMailboxes(EngineRepository repository, EmailAccountService mailboxes, Clock clock) {
        this.repository = repository;
        this.mailboxes = mailboxes;
        this.clock = clock;
    }

    /** Marks the task's mailbox errored and puts the lead's step back. */
    void settle(SendTask task, SendResult result) {
        DueEnrollment lead = task.enrollment();
        Instant now = clock.instant();
        String error = "mailbox " + task.mailbox().email() + " unusable: " + result.reply();
        QuarkusTransaction.requiringNew().run(() -> {
            mailboxes.markError(lead.tenantId(), task.mailbox().id(), result.reply());
            if (repository.settleFailed(lead.id(), task.messageId(), "active", lead.attempts(), now, error)) {
                repository.addUsage(lead.tenantId(), Map.of(task.mailbox().id(), -1), task.usageDay());
            }
        });
        LOG.warnf("enrollment %s goes back: %s", lead.id(), error);
    }
}
