package io.penguinmails.ingest.imap;

import io.penguinmails.contracts.CloudEvent;
import io.penguinmails.contracts.EventJson;
import io.penguinmails.contracts.MailboxChangeEvent;
import io.penguinmails.contracts.Topics;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishes {@code mailbox.changes} records to the test broker the way campaign-service does. */
final class MailboxChanges {

    private MailboxChanges() {}

    /** Publishes a change under a fresh event id; returns the id. */
    static String publish(String bootstrap, MailboxChangeEvent event) {
        String eventId = UUID.randomUUID().toString();
        publish(bootstrap, eventId, event);
        return eventId;
    }

    /** Publishes a change with its envelope, keyed by the email account id, and waits for the broker's ack. */
    static void publish(String bootstrap, String eventId, MailboxChangeEvent event) {
        CloudEvent envelope = new CloudEvent(
                eventId, "io.penguinmails.mailbox.changes.v1", "/campaign-service", Instant.now(), event.tenantId());
        publishRaw(bootstrap, event.emailAccountId(), EventJson.write(event), envelope);
    }

    /** Publishes any body, valid or not. */
    static void publishRaw(String bootstrap, String key, String body, CloudEvent envelope) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("acks", "all");
        try (var producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            var record = new ProducerRecord<>(Topics.MAILBOX_CHANGES, null, key, body, envelope.toHeaders());
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("publishing to mailbox.changes failed", e);
        }
    }

    /** A change of a mailbox with IMAP settings. */
    static MailboxChangeEvent change(
            String change, String tenant, String accountId, String status, MailboxChangeEvent.Imap imap, Instant at) {
        return new MailboxChangeEvent(
                MailboxChangeEvent.SCHEMA_VERSION,
                change,
                tenant,
                accountId,
                accountId + "@acme-outreach.example",
                status,
                imap,
                at);
    }
}
