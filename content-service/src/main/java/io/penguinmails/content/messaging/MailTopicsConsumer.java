package io.penguinmails.content.messaging;

import io.penguinmails.content.service.MessageStorageService;
import io.penguinmails.contracts.CloudEvent;
import io.penguinmails.contracts.EventJson;
import io.penguinmails.contracts.EventSchemas;
import io.penguinmails.contracts.InvalidEventException;
import io.penguinmails.contracts.MailEvent;
import io.penguinmails.contracts.StorageKeys;
import io.penguinmails.contracts.Topics;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes the three inbound mail topics into the message store. A record that breaks its contract throws, and the
 * channel's dead-letter-queue strategy moves it to {@code <topic>.dlq} with the reason while the partition goes on.
 */
@ApplicationScoped
public class MailTopicsConsumer {

    private final MessageStorageService storage;

    MailTopicsConsumer(MessageStorageService storage) {
        this.storage = storage;
    }

    @Incoming("mail-inbound-in")
    @Blocking(ordered = false)
    public void inbound(ConsumerRecord<String, String> record) {
        store(Topics.MAIL_INBOUND, record);
    }

    @Incoming("mail-bounce-in")
    @Blocking(ordered = false)
    public void bounce(ConsumerRecord<String, String> record) {
        store(Topics.MAIL_BOUNCE, record);
    }

    @Incoming("mail-autoreply-in")
    @Blocking(ordered = false)
    public void autoReply(ConsumerRecord<String, String> record) {
        store(Topics.MAIL_AUTOREPLY, record);
    }

    private void store(String topic, ConsumerRecord<String, String> record) {
        CloudEvent envelope = CloudEvent.fromHeaders(record.headers());
        if (record.value() == null) {
            throw new InvalidEventException("record has no body");
        }
        EventSchemas.requireValid(topic, record.value());
        MailEvent event = EventJson.read(record.value(), MailEvent.class);
        if (!StorageKeys.isValid(event.storageKey()) || !event.storageKey().equals(record.key())) {
            throw new InvalidEventException("record key and storage_key differ");
        }
        storage.storeInbound(envelope, topic, event);
    }
}
