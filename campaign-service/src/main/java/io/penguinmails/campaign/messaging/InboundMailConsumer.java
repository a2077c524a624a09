package io.penguinmails.campaign.messaging;

import io.penguinmails.campaign.service.engagement.InboundMailService;
import io.penguinmails.contracts.CloudEvent;
import io.penguinmails.contracts.DatabaseUnavailable;
import io.penguinmails.contracts.EventJson;
import io.penguinmails.contracts.EventSchemas;
import io.penguinmails.contracts.InvalidEventException;
import io.penguinmails.contracts.MailEvent;
import io.penguinmails.contracts.StorageKeys;
import io.penguinmails.contracts.Topics;
import io.smallrye.faulttolerance.api.RetryWhen;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes what ingest-service publishes about the tenants' mailboxes (replies, bounces and complaints, auto-replies)
 * into the engagement loop. A record that breaks its contract throws, and the channel's dead-letter-queue strategy
 * moves it to {@code <topic>.dlq} with the reason while the partition goes on.
 */
@ApplicationScoped
public class InboundMailConsumer {

    private final InboundMailService service;

    InboundMailConsumer(InboundMailService service) {
        this.service = service;
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
    public void inbound(ConsumerRecord<String, String> record) {
        apply(Topics.MAIL_INBOUND, record);
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
    public void bounce(ConsumerRecord<String, String> record) {
        apply(Topics.MAIL_BOUNCE, record);
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
    public void autoReply(ConsumerRecord<String, String> record) {
        apply(Topics.MAIL_AUTOREPLY, record);
    }

    private void apply(String topic, ConsumerRecord<String, String> record) {
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
        service.apply(envelope.id(), topic, event);
    }
}
