package io.penguinmails.content.messaging;

import io.penguinmails.content.PreparedMessage;
import io.penguinmails.content.service.MessageStorageService;
import io.penguinmails.contracts.CloudEvent;
import io.penguinmails.contracts.DatabaseUnavailable;
import io.penguinmails.contracts.EventJson;
import io.penguinmails.contracts.EventSchemas;
import io.penguinmails.contracts.InvalidEventException;
import io.penguinmails.contracts.OutboundMailEvent;
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
 * Consumes {@code mail.outbound}, the campaign mail campaign-service sent, into the message store a polled batch at a
 * time. A record that breaks its contract goes to {@code mail.outbound.dlq} with the reason (see {@link
 * BatchWriter}).
 */
@ApplicationScoped
public class OutboundMailConsumer {

    private final MessageStorageService storage;
    private final BatchWriter writer;

    OutboundMailConsumer(MessageStorageService storage, BatchWriter writer) {
        this.storage = storage;
        this.writer = writer;
    }

    @Incoming("mail-outbound-in")
    @Blocking(value = "mail-writers", ordered = false)
    @Retry(
            maxRetries = -1,
            delay = 1,
            delayUnit = ChronoUnit.SECONDS,
            maxDuration = 4,
            durationUnit = ChronoUnit.MINUTES)
    @RetryWhen(exception = DatabaseUnavailable.class)
    public void outbound(ConsumerRecords<String, String> records) {
        writer.write(records, this::prepare);
    }

    private PreparedMessage prepare(ConsumerRecord<String, String> record) {
        CloudEvent envelope = CloudEvent.fromHeaders(record.headers());
        if (record.value() == null) {
            throw new InvalidEventException("record has no body");
        }
        // Parsed once: the tree that was validated is the one read.
        OutboundMailEvent event = EventJson.read(
                EventSchemas.requireValidTree(Topics.MAIL_OUTBOUND, record.value()), OutboundMailEvent.class);
        if (!StorageKeys.isValid(event.storageKey()) || !event.storageKey().equals(record.key())) {
            throw new InvalidEventException("record key and storage_key differ");
        }
        return storage.prepareOutbound(envelope, event);
    }
}
