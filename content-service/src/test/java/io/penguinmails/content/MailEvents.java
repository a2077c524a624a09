package io.penguinmails.content;

import io.penguinmails.contracts.CloudEvent;
import io.penguinmails.contracts.EventJson;
import io.penguinmails.contracts.MailEvent;
import io.penguinmails.contracts.OutboundMailEvent;
import io.penguinmails.contracts.StorageKeys;
import io.penguinmails.contracts.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes mail events the way ingest-service does, for a sample message of {@code src/test/resources/mail}: the
 * fields below are what ingest reads from {@code two-attachments.eml}.
 */
public final class MailEvents {

    private MailEvents() {}

    /** The event of {@code two-attachments.eml} for a tenant. */
    public static MailEvent twoAttachments(String tenantId) {
        byte[] raw = resource("two-attachments.eml");
        byte[] pdf = resource("two-attachments.pdf.bin");
        byte[] csv = "email,first_name\r\nada@example.org,Ada\r\ngrace@example.org,Grace\r\n".getBytes();
        return new MailEvent(
                1,
                StorageKeys.forRawMessage(tenantId, raw),
                tenantId,
                "mbx-1",
                "email",
                Instant.now(),
                "<CAF7b3mQ2x0v@mail.northwind.example>",
                "<pm.7f3c2a@acme.example>",
                List.of("<pm.1a2b3c@acme.example>", "<pm.7f3c2a@acme.example>"),
                new MailEvent.Address("maria.lopez@northwind.example", "María López"),
                List.of(new MailEvent.Address("sam@acme.example", "Sam Carter")),
                List.of(),
                "Re: Propuesta para el próximo trimestre",
                Instant.parse("2026-11-23T09:13:58Z"),
                "Hola Sam,\r\n\r\nGracias por la propuesta.",
                "<div dir=\"ltr\">Hola Sam,</div>",
                List.of(new MailEvent.Header("Subject", "Re: Propuesta para el próximo trimestre")),
                List.of(
                        attachment("contrato firmado.pdf", "application/pdf", pdf),
                        attachment("contactos.csv", "text/csv", csv)),
                Base64.getEncoder().encodeToString(raw),
                null,
                null,
                List.of());
    }

    /** The same message delivered to another mailbox of the tenant: same bytes, its own storage key. */
    public static MailEvent inMailbox(MailEvent e, String mailbox) {
        return new MailEvent(
                1,
                StorageKeys.forMessageId(e.tenantId(), mailbox, e.messageId()),
                e.tenantId(),
                mailbox,
                e.messageType(),
                e.receivedAt(),
                e.messageId(),
                e.inReplyTo(),
                e.references(),
                e.from(),
                e.to(),
                e.cc(),
                e.subject(),
                e.date(),
                e.text(),
                e.html(),
                e.headers(),
                e.attachments(),
                e.rawBase64(),
                e.bounce(),
                e.autoReply(),
                e.parseProblems());
    }

    /**
     * Another message of the same tenant: the given Message-ID (its storage key is derived from it), sender and
     * attachments, everything else as in {@code e}.
     */
    public static MailEvent variant(
            MailEvent e, String messageId, String fromAddress, List<MailEvent.Attachment> attachments) {
        return new MailEvent(
                1,
                StorageKeys.forMessageId(e.tenantId(), e.emailAccountId(), messageId),
                e.tenantId(),
                e.emailAccountId(),
                e.messageType(),
                e.receivedAt(),
                messageId,
                null,
                List.of(),
                new MailEvent.Address(fromAddress, null),
                e.to(),
                e.cc(),
                e.subject(),
                e.date(),
                e.text(),
                e.html(),
                e.headers(),
                attachments,
                e.rawBase64(),
                null,
                null,
                List.of());
    }

    /** Sends an event with an envelope of the given id to a topic, keyed by storage key, and waits for the ack. */
    public static void publish(String bootstrap, String topic, String eventId, MailEvent event) {
        send(
                bootstrap,
                new ProducerRecord<>(
                        topic,
                        null,
                        event.storageKey(),
                        EventJson.write(event),
                        new CloudEvent(
                                        eventId,
                                        "io.penguinmails." + topic + ".v1",
                                        "/test",
                                        Instant.now(),
                                        event.tenantId())
                                .toHeaders()));
    }

    /** A campaign email as campaign-service publishes it, from mailbox {@code acct-out}, keyed by its Message-ID. */
    public static OutboundMailEvent outbound(
            String tenantId,
            String messageId,
            String campaignId,
            String leadId,
            String to,
            String subject,
            String text) {
        return new OutboundMailEvent(
                1,
                StorageKeys.forMessageId(tenantId, "acct-out", messageId),
                tenantId,
                "acct-out",
                campaignId,
                "step-1",
                leadId,
                messageId,
                new MailEvent.Address("sam@acme.example", "Sam Carter"),
                List.of(new MailEvent.Address(to, null)),
                subject,
                text,
                "<p>" + text + "</p>",
                "sent",
                Instant.now());
    }

    /** Sends an outbound event with an envelope of the given id to {@code mail.outbound} and waits for the ack. */
    public static void publishOutbound(String bootstrap, String eventId, OutboundMailEvent event) {
        CloudEvent envelope = new CloudEvent(
                eventId, "io.penguinmails.mail.outbound.v1", "/campaign-service", Instant.now(), event.tenantId());
        send(
                bootstrap,
                new ProducerRecord<>(
                        Topics.MAIL_OUTBOUND, null, event.storageKey(), EventJson.write(event), envelope.toHeaders()));
    }

    /** The records of a dead-letter topic with a key, waiting up to 20 s for the first. */
    public static List<ConsumerRecord<String, String>> readDlq(String bootstrap, String topic, String key) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("group.id", "dlq-probe-" + UUID.randomUUID());
        props.put("auto.offset.reset", "earliest");
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.dlq(topic)));
            long deadline = System.currentTimeMillis() + 20_000;
            while (found.isEmpty() && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(300)).forEach(r -> {
                    if (key.equals(r.key())) {
                        found.add(r);
                    }
                });
            }
        }
        return found;
    }

    /** Sends any record and waits for the ack. */
    public static void send(String bootstrap, ProducerRecord<String, String> record) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("max.request.size", String.valueOf(100 * 1024 * 1024));
        try (var producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh event id. */
    public static String newId() {
        return UUID.randomUUID().toString();
    }

    private static MailEvent.Attachment attachment(String name, String type, byte[] bytes) {
        return new MailEvent.Attachment(
                name,
                type,
                bytes.length,
                StorageKeys.sha256Hex(bytes),
                "attachment",
                null,
                Base64.getEncoder().encodeToString(bytes));
    }

    /** A sample's bytes. */
    public static byte[] resource(String name) {
        try (InputStream in = MailEvents.class.getClassLoader().getResourceAsStream("mail/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
