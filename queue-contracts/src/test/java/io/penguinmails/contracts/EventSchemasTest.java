package io.penguinmails.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventSchemasTest {

    private static final String TENANT = "7d1f4a52-5c8e-4b8a-9a53-0d8a3c1d2e01";
    private static final Instant NOW = Instant.parse("2026-11-23T10:15:30Z");

    @Test
    void mailEventWithBounceIsValidOnEveryMailTopic() {
        String body = EventJson.write(bounceEvent());
        assertThat(EventSchemas.violations(Topics.MAIL_BOUNCE, body)).isEmpty();
        assertThat(EventSchemas.violations(Topics.MAIL_INBOUND, body)).isEmpty();
    }

    @Test
    void mailEventRoundTripsThroughJson() {
        MailEvent event = bounceEvent();
        assertThat(EventJson.read(EventJson.write(event), MailEvent.class)).isEqualTo(event);
    }

    @Test
    void anEventCheckedAsATreeIsWrittenExactlyAsTheEventItself() {
        MailEvent event = bounceEvent();
        var tree = EventJson.tree(event);
        EventSchemas.requireValid(Topics.MAIL_BOUNCE, tree);
        assertThat(EventJson.write(tree)).isEqualTo(EventJson.write(event));
    }

    @Test
    void aTreeBreakingItsSchemaIsRefused() {
        var tree = (ObjectNode) EventJson.tree(bounceEvent());
        tree.remove("storage_key");
        assertThatThrownBy(() -> EventSchemas.requireValid(Topics.MAIL_BOUNCE, tree))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("storage_key");
    }

    @Test
    void missingStorageKeyIsAViolation() {
        String body = EventJson.write(bounceEvent()).replaceFirst("\"storage_key\":\"[^\"]+\",", "");
        assertThat(EventSchemas.violations(Topics.MAIL_INBOUND, body)).anyMatch(v -> v.contains("storage_key"));
        assertThatThrownBy(() -> EventSchemas.requireValid(Topics.MAIL_INBOUND, body))
                .isInstanceOf(InvalidEventException.class);
    }

    @Test
    void unknownAnalyticsEventTypeIsAViolation() {
        AnalyticsEvent event = new AnalyticsEvent(1, "teleported", TENANT, NOW, null, null, null, null, null);
        assertThat(EventSchemas.violations(Topics.ANALYTICS_EVENTS, EventJson.write(event)))
                .isNotEmpty();
    }

    @Test
    void anEventThatIsNotWarmUpIsWrittenWithoutTheWarmupField() {
        AnalyticsEvent unset = new AnalyticsEvent(1, "sent", TENANT, NOW, "c1", "s1", "m1", "l1", null);
        AnalyticsEvent notWarmup = new AnalyticsEvent(1, "sent", TENANT, NOW, "c1", "s1", "m1", "l1", null, false);

        assertThat(EventJson.write(unset)).doesNotContain("warmup").isEqualTo(EventJson.write(notWarmup));
        assertThat(unset.warmupTraffic()).isFalse();
        assertThat(notWarmup.warmupTraffic()).isFalse();
    }

    @Test
    void aWarmUpEventValidatesAndRoundTripsThroughJson() {
        for (String type : AnalyticsEvent.WARMUP_EVENT_TYPES) {
            AnalyticsEvent event = warmup(type, "m1");
            String body = EventJson.write(event);

            assertThat(body).contains("\"warmup\":true");
            assertThat(EventSchemas.violations(Topics.ANALYTICS_EVENTS, body)).isEmpty();
            assertThat(EventJson.read(body, AnalyticsEvent.class)).isEqualTo(event);
            assertThat(EventJson.read(body, AnalyticsEvent.class).warmupTraffic())
                    .isTrue();
        }
    }

    @Test
    void aBodyWithoutWarmupReadsAsNotWarmUp() {
        String body = EventJson.write(new AnalyticsEvent(1, "sent", TENANT, NOW, "c1", null, "m1", null, null));
        AnalyticsEvent event = EventJson.read(body, AnalyticsEvent.class);

        assertThat(event.warmup()).isNull();
        assertThat(event.warmupTraffic()).isFalse();
    }

    @Test
    void aWarmUpEventMustNameItsMailboxAndBeSentOpenedOrReplied() {
        assertThat(EventSchemas.violations(Topics.ANALYTICS_EVENTS, EventJson.write(warmup("sent", null))))
                .anyMatch(v -> v.contains("email_account_id"));
        assertThat(EventSchemas.violations(Topics.ANALYTICS_EVENTS, EventJson.write(warmup("opened", ""))))
                .anyMatch(v -> v.contains("email_account_id"));
        assertThat(EventSchemas.violations(Topics.ANALYTICS_EVENTS, EventJson.write(warmup("bounced", "m1"))))
                .anyMatch(v -> v.contains("event_type"));
        String notBoolean = EventJson.write(warmup("sent", "m1")).replace("\"warmup\":true", "\"warmup\":\"yes\"");
        assertThat(EventSchemas.violations(Topics.ANALYTICS_EVENTS, notBoolean)).anyMatch(v -> v.contains("warmup"));
    }

    @Test
    void everyEventTypeOfEveryTopicValidates() {
        for (String type : AnalyticsEvent.EVENT_TYPES) {
            AnalyticsEvent event = new AnalyticsEvent(1, type, TENANT, NOW, "c1", "s1", "m1", "l1", null);
            assertThat(EventSchemas.violations(Topics.ANALYTICS_EVENTS, EventJson.write(event)))
                    .isEmpty();
        }
        MailboxChangeEvent mailbox = new MailboxChangeEvent(
                1,
                "created",
                TENANT,
                "m1",
                "sdr@example.com",
                "active",
                new MailboxChangeEvent.Imap("imap.example.com", 993, "tls", "sdr", "enc:abc"),
                NOW);
        assertThat(EventSchemas.violations(Topics.MAILBOX_CHANGES, EventJson.write(mailbox)))
                .isEmpty();
        AuditEvent audit = new AuditEvent(1, "tenant.created", TENANT, "admin", TENANT, Map.of("name", "Acme"), NOW);
        assertThat(EventSchemas.violations(Topics.AUDIT_EVENTS, EventJson.write(audit)))
                .isEmpty();
        NotificationEvent notification = new NotificationEvent(
                1, TENANT, "campaign.bounce_shield", "warning", "Campaign paused", "7% bounced", "c1", null, NOW, null);
        assertThat(EventSchemas.violations(Topics.NOTIFICATIONS, EventJson.write(notification)))
                .isEmpty();
        NotificationEvent badSeverity = new NotificationEvent(1, TENANT, "k", "loud", "t", null, null, null, NOW, null);
        assertThat(EventSchemas.violations(Topics.NOTIFICATIONS, EventJson.write(badSeverity)))
                .isNotEmpty();
        OutboundMailEvent outbound = new OutboundMailEvent(
                1,
                StorageKeys.forMessageId(TENANT, "m1", "<a@b>"),
                TENANT,
                "m1",
                "c1",
                "s1",
                "l1",
                "<a@b>",
                new MailEvent.Address("sdr@example.com", "Sam"),
                List.of(new MailEvent.Address("lead@example.org", null)),
                "Hello",
                "Hi",
                null,
                "sent",
                NOW);
        assertThat(EventSchemas.violations(Topics.MAIL_OUTBOUND, EventJson.write(outbound)))
                .isEmpty();
    }

    @Test
    void notJsonIsReportedNotThrown() {
        assertThat(EventSchemas.violations(Topics.AUDIT_EVENTS, "{not json"))
                .singleElement()
                .asString()
                .contains("not JSON");
    }

    @Test
    void everyMainTopicHasADlqAndASchema() {
        assertThat(Topics.allWithDlq()).hasSize(Topics.MAIN.size() * 2).contains("mail.inbound.dlq");
        Topics.MAIN.forEach(
                topic -> assertThat(EventSchemas.class.getClassLoader().getResource(EventSchemas.resourceFor(topic)))
                        .isNotNull());
    }

    @Test
    void envelopeRoundTripsThroughHeaders() {
        CloudEvent event = new CloudEvent("id-1", "io.penguinmails.mail.inbound.v1", "/ingest-service", NOW, TENANT);
        assertThat(CloudEvent.fromHeaders(event.toHeaders())).isEqualTo(event);
        assertThat(event.toHeaders().lastHeader(CloudEvent.SPEC_VERSION).value())
                .isEqualTo("1.0".getBytes());
    }

    @Test
    void envelopeWithoutIdIsInvalid() {
        var headers = new CloudEvent("id-1", "t", "/s", NOW, null).toHeaders();
        headers.remove(CloudEvent.ID);
        assertThatThrownBy(() -> CloudEvent.fromHeaders(headers))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("ce_id");
    }

    private static AnalyticsEvent warmup(String type, String mailbox) {
        return new AnalyticsEvent(1, type, TENANT, NOW, null, null, mailbox, null, "k1", true);
    }

    private static MailEvent bounceEvent() {
        var recipient = new MailEvent.BounceRecipient(
                "gone@example.org", "5.1.1", "550", "userunknown", true, "550 5.1.1 no such user");
        return new MailEvent(
                1,
                StorageKeys.forRawMessage(TENANT, new byte[] {1, 2, 3}),
                TENANT,
                null,
                "bounce",
                NOW,
                "<dsn-1@mx.example.net>",
                null,
                List.of(),
                new MailEvent.Address("MAILER-DAEMON@mx.example.net", "Mail Delivery System"),
                List.of(new MailEvent.Address("sdr@example.com", null)),
                List.of(),
                "Undelivered Mail Returned to Sender",
                NOW,
                "This is the mail system.",
                null,
                List.of(new MailEvent.Header("Subject", "Undelivered Mail Returned to Sender")),
                List.of(),
                "AQID",
                new MailEvent.Bounce("<orig-1@example.com>", null, List.of(recipient)),
                null,
                List.of());
    }

    @Test
    void aRecordCarryingA30MegabyteMessageValidatesAndReadsBack() {
        String raw = "A".repeat(40_000_000);
        MailEvent event = new MailEvent(
                1,
                StorageKeys.forRawMessage(TENANT, new byte[] {1}),
                TENANT,
                null,
                "email",
                NOW,
                null,
                null,
                null,
                null,
                null,
                null,
                "big",
                null,
                null,
                null,
                List.of(),
                List.of(),
                raw,
                null,
                null,
                null);
        String body = EventJson.write(event);

        assertThat(EventSchemas.violations(Topics.MAIL_INBOUND, body)).isEmpty();
        assertThat(EventJson.read(body, MailEvent.class).rawBase64()).hasSize(raw.length());
    }
}
