package io.penguinmails.ingest.messaging;

import io.penguinmails.contracts.CloudEvent;
import io.penguinmails.contracts.DatabaseUnavailable;
import io.penguinmails.contracts.EventJson;
import io.penguinmails.contracts.EventSchemas;
import io.penguinmails.contracts.InvalidEventException;
import io.penguinmails.contracts.MailboxChangeEvent;
import io.penguinmails.contracts.Topics;
import io.penguinmails.ingest.service.imap.MailboxRegistry;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.faulttolerance.api.RetryWhen;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes {@code mailbox.changes} into {@code mailboxes}, the only way ingest learns about mailboxes (it never reads
 * campaign's database). A record that breaks the contract throws {@link InvalidEventException}; the channel's
 * {@code dead-letter-queue} failure strategy moves it to {@code mailbox.changes.dlq} with the reason.
 */
@ApplicationScoped
public class MailboxChangeConsumer {

    private static final Logger LOG = Logger.getLogger(MailboxChangeConsumer.class);

    private final MailboxRegistry registry;

    MailboxChangeConsumer(MailboxRegistry registry) {
        this.registry = registry;
    }

    /** Applies one change; while the database is away (up to four minutes) it is retried instead of dead-lettered. */
    @Incoming("mailbox-changes-in")
    @Blocking
    @Retry(
            maxRetries = -1,
            delay = 1,
            delayUnit = ChronoUnit.SECONDS,
            maxDuration = 4,
            durationUnit = ChronoUnit.MINUTES)
    @RetryWhen(exception = DatabaseUnavailable.class)
    public void consume(ConsumerRecord<String, String> record) {
        CloudEvent envelope = CloudEvent.fromHeaders(record.headers());
        MailboxChangeEvent event = readBody(record.value());
        if (envelope.tenantId() != null && !envelope.tenantId().equalsIgnoreCase(event.tenantId())) {
            throw new InvalidEventException("header " + CloudEvent.TENANT + " " + envelope.tenantId()
                    + " differs from body tenant_id " + event.tenantId());
        }
        boolean applied = registry.apply(envelope.id(), event);
        LOG.debugf(
                "mailbox %s %s (%s)", event.emailAccountId(), event.change(), applied ? "applied" : "already applied");
    }

    private static MailboxChangeEvent readBody(String body) {
        if (body == null) {
            throw new InvalidEventException("record has no body");
        }
        EventSchemas.requireValid(Topics.MAILBOX_CHANGES, body);
        return EventJson.read(body, MailboxChangeEvent.class);
    }
}
