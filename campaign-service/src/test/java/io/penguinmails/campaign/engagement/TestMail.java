package io.penguinmails.campaign.engagement;

import io.penguinmails.contracts.CloudEvent;
import io.penguinmails.contracts.EventJson;
import io.penguinmails.contracts.MailEvent;
import io.penguinmails.contracts.StorageKeys;
import io.penguinmails.infra.PenguinTestResource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Mail events as ingest-service publishes them for the samples in {@code src/test/resources/mail}: the parsed fields
 * are what ingest reads from each file, the raw bytes travel along and the storage key is derived from them.
 */
final class TestMail {

    /** The Date of the samples whose date matters to nothing. */
    private static final Instant SAMPLE_DATE = Instant.parse("2026-11-23T10:14:00Z");

    private static final DateTimeFormatter RFC_5322 =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ENGLISH);
    private static final DateTimeFormatter GERMAN_DAY = DateTimeFormatter.ofPattern("d. MMMM", Locale.GERMAN);
    private static final DateTimeFormatter ENGLISH_DAY = DateTimeFormatter.ofPattern("d MMMM", Locale.ENGLISH);

    private TestMail() {}

    /** {@code reply.eml}: Maria answers the first email ({@code <pm.1a2b3c4d.step1@acme.example>}). */
    static MailEvent reply(EngagementFixture fixture) {
        return reply(fixture.tenantId, fixture.mailboxId);
    }

    /** {@code reply.eml} as it arrived in the tenant's mailbox. */
    static MailEvent reply(UUID tenantId, UUID mailboxId) {
        return event(
                tenantId,
                mailboxId,
                "reply.eml",
                "email",
                "<CAF7b3mQ2x0vReply@mail.northwind.example>",
                "<pm.1a2b3c4d.step1@acme.example>",
                "maria.lopez@northwind.example",
                "Re: Quick question about Northwind",
                null,
                null);
    }

    /** {@code postfix-dsn-userunknown.eml}: a hard bounce (5.1.1) of {@code <pm.5e1d9c0b.step1@acme.example>}. */
    static MailEvent hardBounce(EngagementFixture fixture) {
        return hardBounce(fixture.tenantId, fixture.mailboxId);
    }

    /** {@code postfix-dsn-userunknown.eml} as it arrived in the tenant's mailbox. */
    static MailEvent hardBounce(UUID tenantId, UUID mailboxId) {
        return event(
                tenantId,
                mailboxId,
                "postfix-dsn-userunknown.eml",
                "bounce",
                "<20261123092011.4Xk3B20mVhz9sWk@mx.acme.example>",
                null,
                "MAILER-DAEMON@mx.acme.example",
                "Undelivered Mail Returned to Sender",
                new MailEvent.Bounce(
                        "<pm.5e1d9c0b.step1@acme.example>",
                        null,
                        List.of(new MailEvent.BounceRecipient(
                                "nobody@globex.example",
                                "5.1.1",
                                "550",
                                "mailbox_unknown",
                                true,
                                "550 5.1.1 <nobody@globex.example>: Recipient address rejected"))),
                null);
    }

    /**
     * {@code exchange-out-of-office.eml}, sent now: Julia is away until {@code returnDate}, which ingest read from its
     * text; null when ingest could not read one.
     */
    static MailEvent outOfOffice(EngagementFixture fixture, LocalDate returnDate) {
        return outOfOffice(fixture.tenantId, fixture.mailboxId, returnDate);
    }

    /** {@code exchange-out-of-office.eml} as it arrived in the tenant's mailbox now. */
    static MailEvent outOfOffice(UUID tenantId, UUID mailboxId, LocalDate returnDate) {
        Instant sent = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        LocalDate stated = returnDate != null
                ? returnDate
                : LocalDate.ofInstant(sent, ZoneOffset.UTC).plusDays(10);
        String raw = new String(resource("exchange-out-of-office.eml"), StandardCharsets.ISO_8859_1)
                .replace("${DATE}", RFC_5322.format(sent.atZone(ZoneOffset.UTC)))
                .replace("${RETURN_DE}", quotedPrintable(GERMAN_DAY.format(stated)))
                .replace("${RETURN_EN}", ENGLISH_DAY.format(stated));
        return event(
                tenantId,
                mailboxId,
                raw.getBytes(StandardCharsets.ISO_8859_1),
                sent,
                "auto_reply",
                "<AM0PR10MB32114F0A2C7A9B1C@AM0PR10MB3211.EURPRD10.PROD.OUTLOOK.COM>",
                "<pm.9a8b7c6d.step1@acme.example>",
                "julia.weber@initech.example",
                "Automatic reply: Quick question about Initech",
                null,
                new MailEvent.AutoReply("vacation", returnDate == null ? null : returnDate.toString()));
    }

    /** {@code arf-complaint.eml}: Pat reported {@code <pm.3c4d5e6f.step2@acme.example>} as abuse. */
    static MailEvent complaint(EngagementFixture fixture) {
        return event(
                fixture.tenantId,
                fixture.mailboxId,
                "arf-complaint.eml",
                "complaint",
                "<fbl.20261123110215.77310@fbl.bigmail.example>",
                null,
                "feedbackloop@fbl.bigmail.example",
                "Email Feedback Report for IP 192.0.2.10",
                new MailEvent.Bounce(
                        "<pm.3c4d5e6f.step2@acme.example>",
                        "abuse",
                        List.of(new MailEvent.BounceRecipient(
                                "pat.doe@bigmail.example", null, null, "feedback", false, null))),
                null);
    }

    /** A copy of {@code e} with other threading headers and sender, as a mail that ingest parsed differently. */
    static MailEvent withThreading(MailEvent e, String inReplyTo, String from, String messageType) {
        return new MailEvent(
                1,
                e.storageKey(),
                e.tenantId(),
                e.emailAccountId(),
                messageType,
                e.receivedAt(),
                e.messageId(),
                inReplyTo,
                inReplyTo == null ? List.of() : List.of(inReplyTo),
                new MailEvent.Address(from, null),
                e.to(),
                List.of(),
                e.subject(),
                e.date(),
                e.text(),
                null,
                e.headers(),
                List.of(),
                e.rawBase64(),
                e.bounce(),
                e.autoReply(),
                List.of());
    }

    /** A copy of a bounce event with one recipient's result replaced, e.g. a soft bounce. */
    static MailEvent withRecipient(MailEvent e, MailEvent.BounceRecipient recipient) {
        return withBounce(
                e,
                new MailEvent.Bounce(e.bounce().originalMessageId(), e.bounce().feedbackType(), List.of(recipient)));
    }

    /** A copy of a bounce event with another report. */
    static MailEvent withBounce(MailEvent e, MailEvent.Bounce bounce) {
        return new MailEvent(
                1,
                e.storageKey(),
                e.tenantId(),
                e.emailAccountId(),
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
                bounce,
                e.autoReply(),
                e.parseProblems());
    }

    /** Publishes an event with a CloudEvent envelope of the given id, keyed by its storage key. */
    static void publish(String topic, String eventId, MailEvent event) {
        send(new ProducerRecord<>(
                topic,
                null,
                event.storageKey(),
                EventJson.write(event),
                new CloudEvent(
                                eventId,
                                "io.penguinmails." + topic + ".v1",
                                "/ingest-service",
                                Instant.now(),
                                event.tenantId())
                        .toHeaders()));
    }

    /** Sends any record and waits for the broker's ack. */
    static void send(ProducerRecord<String, String> record) {
        Properties props = new Properties();
        props.put("bootstrap.servers", PenguinTestResource.sharedBroker().bootstrapServers());
        try (var producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String newId() {
        return UUID.randomUUID().toString();
    }

    private static MailEvent event(
            UUID tenantId,
            UUID mailboxId,
            String file,
            String type,
            String messageId,
            String inReplyTo,
            String from,
            String subject,
            MailEvent.Bounce bounce,
            MailEvent.AutoReply autoReply) {
        return event(
                tenantId,
                mailboxId,
                resource(file),
                SAMPLE_DATE,
                type,
                messageId,
                inReplyTo,
                from,
                subject,
                bounce,
                autoReply);
    }

    private static MailEvent event(
            UUID tenantId,
            UUID mailboxId,
            byte[] raw,
            Instant date,
            String type,
            String messageId,
            String inReplyTo,
            String from,
            String subject,
            MailEvent.Bounce bounce,
            MailEvent.AutoReply autoReply) {
        String tenant = tenantId.toString();
        return new MailEvent(
                1,
                StorageKeys.forRawMessage(tenant, raw),
                tenant,
                mailboxId.toString(),
                type,
                Instant.now(),
                messageId,
                inReplyTo,
                inReplyTo == null ? List.of() : List.of(inReplyTo),
                new MailEvent.Address(from, null),
                List.of(new MailEvent.Address("sam@acme.example", "Sam Carter")),
                List.of(),
                subject,
                date,
                new String(raw, StandardCharsets.UTF_8),
                null,
                List.of(new MailEvent.Header("Subject", subject)),
                List.of(),
                Base64.getEncoder().encodeToString(raw),
                bounce,
                autoReply,
                List.of());
    }

    /** Non-ASCII characters of an ISO-8859-1 text as quoted-printable escapes ("März" as "M=E4rz"). */
    private static String quotedPrintable(String text) {
        StringBuilder out = new StringBuilder();
        text.chars().forEach(c -> out.append(c < 128 ? String.valueOf((char) c) : String.format("=%02X", c)));
        return out.toString();
    }

    private static byte[] resource(String name) {
        try (InputStream in = TestMail.class.getClassLoader().getResourceAsStream("mail/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
