package io.penguinmails.content.messaging;

import io.penguinmails.content.PreparedMessage;
import io.penguinmails.content.service.MessageStorageService;
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
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes the three inbound mail topics into the message store, a polled batch at a time (one transaction per
 * batch). A record that breaks its contract goes to {@code <topic>.dlq} with the reason while the rest of its batch
 * and the partition go on (see {@link BatchWriter}).
 */
@ApplicationScoped
public class MailTopicsConsumer {

    private final MessageStorageService storage;
    private final BatchWriter writer;

    MailTopicsConsumer(MessageStorageService storage, BatchWriter writer) {
        this.storage = storage;
        this.writer = writer;
    }

    @Incoming("mail-inbound-in")
    @Blocking(value = "mail-writers", ordered = false)
    @Retry(
            maxRetries = -1,
            delay = 1,
            delayUnit = ChronoUnit.SECONDS,
            maxDuration = 4,
            durationUnit = ChronoUnit.MINUTES)
    @RetryWhen(exception = DatabaseUnavailable.class)
    public void inbound(ConsumerRecords<String, String> records) {
        writer.write(records, r -> prepare(Topics.MAIL_INBOUND, r));
    }

    @Incoming("mail-bounce-in")
    @Blocking(value = "mail-writers", ordered = false)
    @Retry(
            maxRetries = -1,
            delay = 1,
            delayUnit = ChronoUnit.SECONDS,
            maxDuration = 4,
            durationUnit = ChronoUnit.MINUTES)
    @RetryWhen(exception = DatabaseUnavailable.class)
    public void bounce(ConsumerRecords<String, String> records) {
        writer.write(records, r -> prepare(Topics.MAIL_BOUNCE, r));
    }

    @Incoming("mail-autoreply-in")
    @Blocking(value = "mail-writers", ordered = false)
    @Retry(
            maxRetries = -1,
            delay = 1,
            delayUnit = ChronoUnit.SECONDS,
            maxDuration = 4,
            durationUnit = ChronoUnit.MINUTES)
    @RetryWhen(exception = DatabaseUnavailable.class)
    public void autoReply(ConsumerRecords<String, String> records) {
        writer.write(records, r -> prepare(Topics.MAIL_AUTOREPLY, r));
    }

    private PreparedMessage prepare(String topic, ConsumerRecord<String, String> record) {
        CloudEvent envelope = CloudEvent.fromHeaders(record.headers());
        if (record.value() == null) {
            throw new InvalidEventException("record has no body");
        }
        // Parsed once: the tree that was validated is the one read.
        MailEvent event = EventJson.read(EventSchemas.requireValidTree(topic, record.value()), MailEvent.class);
        if (!StorageKeys.isValid(event.storageKey()) || !event.storageKey().equals(record.key())) {
            throw new InvalidEventException("record key and storage_key differ");
        }
        return storage.prepareInbound(envelope, topic, event);
    }
}
