package io.penguinmails.campaign.service.engine;

import io.penguinmails.campaign.DueEnrollment;
import io.penguinmails.campaign.OutboxRecord;
import io.penguinmails.campaign.config.EngineConfig;
import io.penguinmails.campaign.repository.EngineRepository;
import io.penguinmails.campaign.repository.EngineRepository.OutboundRef;
import io.penguinmails.campaign.repository.EngineRepository.SentUpdate;
import io.penguinmails.campaign.repository.OutboxRepository;
import io.penguinmails.campaign.repository.SuppressionRepository;
import io.penguinmails.campaign.service.send.ComposedMessage;
import io.penguinmails.campaign.service.send.MessageComposer;
import io.penguinmails.campaign.service.send.SendResult;
import io.penguinmails.campaign.service.send.SmtpSender;
import io.penguinmails.campaign.service.template.LeadVariables;
import io.penguinmails.campaign.service.template.TemplateRenderer;
import io.penguinmails.campaign.service.tracking.SentMessageRef;
import io.penguinmails.contracts.AnalyticsEvent;
import io.penguinmails.contracts.EventJson;
import io.penguinmails.contracts.EventSchemas;
import io.penguinmails.contracts.MailEvent;
import io.penguinmails.contracts.OutboundMailEvent;
import io.penguinmails.contracts.StorageKeys;
import io.penguinmails.contracts.Topics;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * One claimed email: composes it, re-checks suppression and marks the claim started (committed) right before
 * submitting it over SMTP, then settles the outcome in one transaction. A claim handed back meanwhile (its lease ran
 * out while it waited in the queue) is dropped unsent, as another pass now owns it. A sent email advances the
 * enrollment and writes its {@code inbox_message_refs} row, the step counter and the {@code mail.outbound} and
 * {@code analytics.events} "sent" outbox rows together; a failure gives the mailbox reservation back and either
 * schedules a retry with backoff (transient) or fails the lead with the SMTP reply (permanent).
 */
@ApplicationScoped
public class SendExecution {

    static final String OUTBOUND_TYPE =
            "io.penguinmails." + Topics.MAIL_OUTBOUND + ".v" + OutboundMailEvent.SCHEMA_VERSION;
    static final String ANALYTICS_TYPE =
            "io.penguinmails." + Topics.ANALYTICS_EVENTS + ".v" + AnalyticsEvent.SCHEMA_VERSION;

    private static final String SUPPRESSED = "the address is on the suppression list";

    private static final Logger LOG = Logger.getLogger(SendExecution.class);

    private final MessageComposer composer;
    private final SmtpSender smtp;
    private final EngineRepository repository;
    private final SuppressionRepository suppressions;
    private final OutboxRepository outbox;
    private final EngineConfig config;
    private final Clock clock;
    private final UnusableMailboxes unusableMailboxes;

    SendExecution(
            MessageComposer composer,
            SmtpSender smtp,
            EngineRepository repository,
            SuppressionRepository suppressions,
            OutboxRepository outbox,
            EngineConfig config,
            Clock clock,
            UnusableMailboxes unusableMailboxes) {
        this.composer = composer;
        this.smtp = smtp;
        this.repository = repository;
        this.suppressions = suppressions;
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
        this.unusableMailboxes = unusableMailboxes;
    }

    /** Sends and settles the task; true when the email went out. */
    boolean execute(SendTask task) {
        ComposedMessage message;
        try {
            message = composer.compose(draft(task));
        } catch (TemplateRenderer.MissingVariableException | IllegalArgumentException e) {
            settleFailure(task, new SendResult(SendResult.Outcome.PERMANENT, "cannot render: " + e.getMessage()));
            return false;
        }
        if (!QuarkusTransaction.requiringNew().call(() -> begin(task))) {
            return false;
        }
        SendResult result = smtp.send(task.mailbox(), message);
        if (result.outcome() == SendResult.Outcome.SENT) {
            QuarkusTransaction.requiringNew().run(() -> settleSent(task, message));
            return true;
        }
        if (result.outcome() == SendResult.Outcome.MAILBOX_UNUSABLE) {
            unusableMailboxes.settle(task, result);
            return false;
        }
        settleFailure(task, result);
        return false;
    }

    /**
     * Right before the SMTP call, and committed before it: a lead suppressed since the claim is stopped unsent (one
     * primary-key lookup), as is one whose sequence a reply, bounce or unsubscribe ended meanwhile; otherwise the claim is marked started, so that a crash from here on is an unknown outcome
     * rather than a second send. False when the email must not go out.
     */
    private boolean begin(SendTask task) {
        DueEnrollment lead = task.enrollment();
        Instant now = clock.instant();
        if (suppressions.isSuppressed(lead.tenantId(), lead.email())) {
            stopSuppressed(task, now);
            return false;
        }
        if (repository.markStarted(lead.id(), task.messageId(), now, now.plus(config.sendLease()))) {
            return true;
        }
        // Rare: only then is it worth a second statement to tell an ended sequence from a claim handed back.
        if (repository.releaseEnded(lead.id(), task.messageId())) {
            repository.addUsage(lead.tenantId(), Map.of(task.mailbox().id(), -1), task.usageDay());
            LOG.infof(
                    "send %s of enrollment %s not sent: its sequence ended after the claim",
                    task.messageId(), lead.id());
        } else {
            LOG.infof(
                    "send %s of enrollment %s was handed back before it started; not sending it",
                    task.messageId(), lead.id());
        }
        return false;
    }

    private void stopSuppressed(SendTask task, Instant now) {
        DueEnrollment lead = task.enrollment();
        if (repository.settleSuppressed(lead.id(), task.messageId(), now, SUPPRESSED)) {
            repository.addUsage(lead.tenantId(), Map.of(task.mailbox().id(), -1), task.usageDay());
            LOG.infof(
                    "send %s of enrollment %s not sent: the address was suppressed after the claim",
                    task.messageId(), lead.id());
        }
    }

    private MessageComposer.Draft draft(SendTask task) {
        DueEnrollment lead = task.enrollment();
        Map<String, String> values = LeadVariables.of(
                lead.email(),
                lead.firstName(),
                lead.lastName(),
                lead.company(),
                lead.position(),
                lead.timezone(),
                lead.customFieldsJson());
        String fromName = task.step().fromNameOverride() != null
                ? task.step().fromNameOverride()
                : task.mailbox().fromName();
        return new MessageComposer.Draft(
                ref(task),
                task.template(),
                values,
                task.step().subjectOverride(),
                task.mailbox().email(),
                fromName,
                lead.email(),
                fullName(lead),
                lead.threadMessageId(),
                lead.threadSubject(),
                task.campaign().trackOpens(),
                task.campaign().trackClicks());
    }

    private static SentMessageRef ref(SendTask task) {
        DueEnrollment lead = task.enrollment();
        return new SentMessageRef(
                lead.tenantId(),
                lead.campaignId(),
                task.step().id(),
                lead.id(),
                lead.leadId(),
                task.mailbox().id(),
                task.messageId());
    }

    private static String fullName(DueEnrollment lead) {
        String name = ((lead.firstName() == null ? "" : lead.firstName()) + " "
                        + (lead.lastName() == null ? "" : lead.lastName()))
                .strip();
        return name.isEmpty() ? null : name;
    }

    private void settleSent(SendTask task, ComposedMessage message) {
        Instant now = clock.instant();
        DueEnrollment lead = task.enrollment();
        if (!repository.settleSent(
                new SentUpdate(lead.id(), task.mailbox().id(), task.messageId(), message.subject(), now, null))) {
            LOG.warnf("send %s of enrollment %s was settled elsewhere first", task.messageId(), lead.id());
            return;
        }
        String storageKey = StorageKeys.forMessageId(
                lead.tenantId().toString(), task.mailbox().id().toString(), task.messageId());
        repository.insertOutboundRef(new OutboundRef(
                lead.tenantId(),
                task.mailbox().id(),
                lead.campaignId(),
                task.step().id(),
                lead.leadId(),
                lead.id(),
                task.messageId(),
                message.inReplyTo(),
                storageKey,
                message.subject(),
                now));
        repository.countExecutions(Map.of(task.step().id(), 1), now);
        publishOutbound(task, message, storageKey, now);
        publishSent(task, storageKey, now);
    }

    private void publishOutbound(SendTask task, ComposedMessage message, String storageKey, Instant now) {
        DueEnrollment lead = task.enrollment();
        OutboundMailEvent event = new OutboundMailEvent(
                OutboundMailEvent.SCHEMA_VERSION,
                storageKey,
                lead.tenantId().toString(),
                task.mailbox().id().toString(),
                lead.campaignId().toString(),
                task.step().id().toString(),
                lead.leadId().toString(),
                task.messageId(),
                new MailEvent.Address(message.fromAddress(), message.fromName()),
                List.of(new MailEvent.Address(message.toAddress(), message.toName())),
                message.subject(),
                message.text(),
                message.html(),
                "sent",
                now);
        insert(Topics.MAIL_OUTBOUND, storageKey, OUTBOUND_TYPE, lead.tenantId(), EventJson.write(event), now);
    }

    private void publishSent(SendTask task, String storageKey, Instant now) {
        DueEnrollment lead = task.enrollment();
        AnalyticsEvent event = new AnalyticsEvent(
                AnalyticsEvent.SCHEMA_VERSION,
                "sent",
                lead.tenantId().toString(),
                now,
                lead.campaignId().toString(),
                task.step().id().toString(),
                task.mailbox().id().toString(),
                lead.leadId().toString(),
                storageKey);
        String tenant = lead.tenantId().toString();
        insert(Topics.ANALYTICS_EVENTS, tenant, ANALYTICS_TYPE, lead.tenantId(), EventJson.write(event), now);
    }

    private void insert(String topic, String key, String type, UUID tenantId, String body, Instant now) {
        // A body that breaks its schema is a bug here; failing rolls the settlement back and the lease settles it
        // later.
        EventSchemas.requireValid(topic, body);
        outbox.insert(new OutboxRecord(UUID.randomUUID(), tenantId, topic, key, type, body, now));
    }

    private void settleFailure(SendTask task, SendResult result) {
        DueEnrollment lead = task.enrollment();
        int attempts = lead.attempts() + 1;
        boolean giveUp = result.outcome() == SendResult.Outcome.PERMANENT || attempts >= config.maxAttempts();
        Instant now = clock.instant();
        Instant retryAt = giveUp ? null : now.plus(backoff(attempts));
        String error = truncate(result.reply());
        QuarkusTransaction.requiringNew().run(() -> {
            if (repository.settleFailed(
                    lead.id(), task.messageId(), giveUp ? "failed" : "active", attempts, retryAt, error)) {
                repository.addUsage(lead.tenantId(), Map.of(task.mailbox().id(), -1), task.usageDay());
            }
        });
        LOG.infof("send to enrollment %s %s: %s", lead.id(), giveUp ? "failed" : "will retry", error);
    }

    private Duration backoff(int attempts) {
        return config.retryBackoff().multipliedBy(1L << Math.min(attempts - 1, 16));
    }

    private static String truncate(String text) {
        if (text == null) {
            return null;
        }
        return text.length() <= 1000 ? text : text.substring(0, 1000);
    }
}
