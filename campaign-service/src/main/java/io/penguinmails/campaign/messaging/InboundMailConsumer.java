package io.penguinmails.campaign.messaging;

import io.penguinmails.campaign.service.engagement.InboundMailService;
import io.penguinmails.campaign.service.engagement.InboundMailService.InboundMail;
import io.penguinmails.contracts.BatchApplier;
import io.penguinmails.contracts.CloudEvent;
import io.penguinmails.contracts.DatabaseUnavailable;
import io.penguinmails.contracts.EventJson;
import io.penguinmails.contracts.EventSchemas;
import io.penguinmails.contracts.InvalidEventException;
import io.penguinmails.contracts.MailEvent;
import io.penguinmails.contracts.StorageKeys;
import io.penguinmails.contracts.Topics;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.faulttolerance.api.RetryWhen;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes what ingest-service publishes about the tenants' mailboxes (replies, bounces and complaints, auto-replies)
 * into the engagement loop, a polled batch in one transaction. A record that breaks its contract goes to
 * {@code <topic>.dlq} with the reason while the rest of its batch and the partition go on (see {@link BatchApplier}).
 */
@ApplicationScoped
public class InboundMailConsumer {

    private final InboundMailService service;
    private final BatchApplier applier;

    /** Dead letters go through a producer of their own, with the application's {@code kafka.*} settings. */
    InboundMailConsumer(InboundMailService service, @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.service = service;
        this.applier = new BatchApplier(kafka);
    }

    @Incoming("mail-inbound-in")
    @Blocking(ordered = false)
    @Retry(
            maxRetries = -1,
            delay = 1,
            delayUnit = ChronoUnit.SECONDS,
            maxDuration = 4,
            durationUnit = ChronoUnit.MINUTES)
    @RetryWhen(exception = DatabaseUnavailable.class)
    public void inbound(ConsumerRecords<String, String> records) {
        applier.apply(records, r -> read(Topics.MAIL_INBOUND, r), service::applyAll);
    }

    @Incoming("mail-bounce-in")
    @Blocking(ordered = false)
    @Retry(
            maxRetries = -1,
            delay = 1,
            delayUnit = ChronoUnit.SECONDS,
            maxDuration = 4,
            durationUnit = ChronoUnit.MINUTES)
    @RetryWhen(exception = DatabaseUnavailable.class)
    public void bounce(ConsumerRecords<String, String> records) {
        applier.apply(records, r -> read(Topics.MAIL_BOUNCE, r), service::applyAll);
    }

    @Incoming("mail-autoreply-in")
    @Blocking(ordered = false)
    @Retry(
            maxRetries = -1,
            delay = 1,
            delayUnit = ChronoUnit.SECONDS,
            maxDuration = 4,
            durationUnit = ChronoUnit.MINUTES)
    @RetryWhen(exception = DatabaseUnavailable.class)
    public void autoReply(ConsumerRecords<String, String> records) {
        applier.apply(records, r -> read(Topics.MAIL_AUTOREPLY, r), service::applyAll);
    }

    private static InboundMail read(String topic, ConsumerRecord<String, String> record) {
        CloudEvent envelope = CloudEvent.fromHeaders(record.headers());
        if (record.value() == null) {
            throw new InvalidEventException("record has no body");
        }
        MailEvent event = EventJson.read(EventSchemas.requireValidTree(topic, record.value()), MailEvent.class);
        if (!StorageKeys.isValid(event.storageKey()) || !event.storageKey().equals(record.key())) {
            throw new InvalidEventException("record key and storage_key differ");
        }
        if (!topic.equals(MailEvent.topicFor(event.messageType()))) {
            throw new InvalidEventException("message_type " + event.messageType() + " does not belong on " + topic);
        }
        if (envelope.tenantId() != null && !envelope.tenantId().equals(event.tenantId())) {
            throw new InvalidEventException("header ce_tenantid and tenant_id differ");
        }
        return new InboundMail(envelope.id(), topic, event);
    }

    @PreDestroy
    void close() {
        applier.close();
    }
}
