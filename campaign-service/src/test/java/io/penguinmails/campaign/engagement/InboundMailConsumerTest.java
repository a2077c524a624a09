package io.penguinmails.campaign.engagement;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.penguinmails.campaign.KeyDirResource;
import io.penguinmails.campaign.TestApi;
import io.penguinmails.contracts.AnalyticsEvent;
import io.penguinmails.contracts.MailEvent;
import io.penguinmails.contracts.Topics;
import io.penguinmails.infra.PenguinTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(
        value = PenguinTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "penguin_oltp_test"))
@QuarkusTestResource(KeyDirResource.class)
class InboundMailConsumerTest {

    private static final Duration EFFECT = Duration.ofSeconds(30);

    @Inject
    DataSource dataSource;

    @Test
    void aReplyStopsTheLeadOnceEvenWhenRedeliveredAndCopied() {
        EngagementFixture fixture = EngagementFixture.create(dataSource, "sending");
        EngagementFixture.Lead maria =
                fixture.lead("maria.lopez@northwind.example", "<pm.1a2b3c4d.step1@acme.example>");
        EngagementFixture.Lead other = fixture.lead("bo@northwind.example", "<pm.other.step1@acme.example>");
        MailEvent reply = TestMail.reply(fixture);
        String eventId = TestMail.newId();

        TestMail.publish(Topics.MAIL_INBOUND, eventId, reply);
        TestMail.publish(Topics.MAIL_INBOUND, eventId, reply);
        TestMail.publish(Topics.MAIL_INBOUND, TestMail.newId(), reply);

        ConsumerOffsets.awaitConsumed(Topics.MAIL_INBOUND);
        assertThat(fixture.count("SELECT count(*) FROM processed_events WHERE tenant_id = ?"))
                .isEqualTo(2);
        assertThat(fixture.status(maria)).isEqualTo("replied");
        assertThat(fixture.instant(maria, "replied_at")).isNotNull();
        assertThat(fixture.instant(maria, "finished_at")).isNotNull();
        assertThat(fixture.status(other)).isEqualTo("active");
        assertThat(fixture.count(
                        "SELECT count(*) FROM inbox_message_refs WHERE tenant_id = ? AND direction = 'inbound'"
                                + " AND enrollment_id = ? AND step_id = ? AND content_storage_key = ?",
                        maria.enrollmentId(),
                        fixture.firstStepId,
                        reply.storageKey()))
                .isEqualTo(1);
        List<AnalyticsEvent> analytics = AnalyticsProbe.analyticsOf(fixture.tenantId, 1);
        assertThat(analytics).singleElement().satisfies(event -> {
            assertThat(event.eventType()).isEqualTo("replied");
            assertThat(event.campaignId()).isEqualTo(fixture.campaignId.toString());
            assertThat(event.stepId()).isEqualTo(fixture.firstStepId.toString());
            assertThat(event.emailAccountId()).isEqualTo(fixture.mailboxId.toString());
            assertThat(event.leadId()).isEqualTo(maria.id().toString());
        });
    }

    @Test
    void aReplyWithoutThreadingHeadersMatchesBySenderAndMailboxAndAStrangerIsKeptUnmatched() {
        EngagementFixture fixture = EngagementFixture.create(dataSource, "sending");
        EngagementFixture.Lead maria = fixture.lead("maria.lopez@northwind.example", "<pm.x1@acme.example>");
        MailEvent reply = TestMail.reply(fixture);
        MailEvent bare = TestMail.withThreading(reply, null, "Maria.Lopez@Northwind.example", "email");
        MailEvent stranger =
                TestMail.withThreading(TestMail.outOfOffice(fixture, null), null, "someone@else.example", "email");

        TestMail.publish(Topics.MAIL_INBOUND, TestMail.newId(), bare);
        TestMail.publish(Topics.MAIL_INBOUND, TestMail.newId(), stranger);

        await().atMost(EFFECT)
                .until(() -> fixture.count("SELECT count(*) FROM processed_events WHERE tenant_id = ?") == 2);
        assertThat(fixture.status(maria)).isEqualTo("replied");
        assertThat(fixture.count(
                        "SELECT count(*) FROM unmatched_messages WHERE tenant_id = ? AND storage_key = ?"
                                + " AND topic = 'mail.inbound' AND from_address = 'someone@else.example'",
                        stranger.storageKey()))
                .isEqualTo(1);
        assertThat(fixture.queuedAnalytics("replied")).isEqualTo(1);
    }

    @Test
    void aReplyWithoutThreadingHeadersInAnotherMailboxDoesNotMatchTheLeadBySender() {
        EngagementFixture fixture = EngagementFixture.create(dataSource, "sending");
        EngagementFixture.Lead maria = fixture.lead("maria.lopez@northwind.example", "<pm.x2@acme.example>");
        UUID otherMailbox = UUID.randomUUID();
        fixture.exec(
                "INSERT INTO email_accounts (id, tenant_id, email, smtp_host, smtp_port) VALUES (?, ?, ?, 'localhost', 2525)",
                otherMailbox,
                fixture.tenantId,
                "alex@acme.example");
        MailEvent elsewhere = TestMail.withThreading(
                TestMail.reply(fixture.tenantId, otherMailbox), null, "maria.lopez@northwind.example", "email");

        TestMail.publish(Topics.MAIL_INBOUND, TestMail.newId(), elsewhere);

        await().atMost(EFFECT)
                .until(() -> fixture.count(
                                "SELECT count(*) FROM unmatched_messages WHERE tenant_id = ? AND storage_key = ?",
                                elsewhere.storageKey())
                        == 1);
        assertThat(fixture.status(maria)).isEqualTo("active");
        assertThat(fixture.instant(maria, "replied_at")).isNull();
        assertThat(fixture.count(
                        "SELECT count(*) FROM inbox_message_refs WHERE tenant_id = ? AND direction = 'inbound'"))
                .isZero();
        assertThat(fixture.queuedAnalytics("replied")).isZero();
    }

    @Test
    void aHardBounceSuppressesTheAddressStopsTheLeadAndCountsOnce() {
        EngagementFixture fixture = EngagementFixture.create(dataSource, "sending");
        EngagementFixture.Lead nobody = fixture.lead("nobody@globex.example", "<pm.5e1d9c0b.step1@acme.example>");
        MailEvent bounce = TestMail.hardBounce(fixture);
        String eventId = TestMail.newId();

        TestMail.publish(Topics.MAIL_BOUNCE, eventId, bounce);
        TestMail.publish(Topics.MAIL_BOUNCE, eventId, bounce);
        TestMail.publish(Topics.MAIL_BOUNCE, TestMail.newId(), bounce);

        ConsumerOffsets.awaitConsumed(Topics.MAIL_BOUNCE);
        assertThat(fixture.count("SELECT count(*) FROM processed_events WHERE tenant_id = ?"))
                .isEqualTo(2);
        assertThat(fixture.status(nobody)).isEqualTo("bounced");
        assertThat(fixture.instant(nobody, "bounced_at")).isNotNull();
        assertThat(fixture.suppression("nobody@globex.example")).isEqualTo("hard_bounce");
        assertThat(fixture.campaignStatus())
                .as("one bounce is below the shield's sample")
                .isEqualTo("sending");
        List<AnalyticsEvent> analytics = AnalyticsProbe.analyticsOf(fixture.tenantId, 1);
        assertThat(analytics).extracting(AnalyticsEvent::eventType).containsExactly("bounced");
        assertThat(analytics.get(0).leadId()).isEqualTo(nobody.id().toString());
        assertThat(analytics.get(0).stepId()).isEqualTo(fixture.firstStepId.toString());
    }

    @Test
    void softBouncesRetryTheBouncedStepUpToTheLimitThenFail() {
        EngagementFixture fixture = EngagementFixture.create(dataSource, "sending");
        EngagementFixture.Lead nobody = fixture.lead("nobody@globex.example", "<pm.5e1d9c0b.step1@acme.example>");
        MailEvent soft = TestMail.withRecipient(
                TestMail.hardBounce(fixture),
                new MailEvent.BounceRecipient("nobody@globex.example", "4.2.2", "452", "mailbox_full", false, null));

        TestMail.publish(Topics.MAIL_BOUNCE, TestMail.newId(), soft);
        await().atMost(EFFECT).until(() -> fixture.stepOrder(nobody) == 1);
        assertThat(fixture.status(nobody)).isEqualTo("active");
        assertThat(fixture.instant(nobody, "next_run_at"))
                .isBetween(
                        Instant.now().plus(5, ChronoUnit.HOURS), Instant.now().plus(7, ChronoUnit.HOURS));

        TestMail.publish(Topics.MAIL_BOUNCE, TestMail.newId(), soft);
        TestMail.publish(Topics.MAIL_BOUNCE, TestMail.newId(), soft);
        await().atMost(EFFECT).until(() -> "failed".equals(fixture.status(nobody)));
        assertThat(fixture.suppression("nobody@globex.example")).isNull();
        assertThat(fixture.queuedAnalytics("bounced")).isZero();
    }

    @Test
    void theBounceShieldPausesACampaignWhoseRecentBounceRatePassesItsThreshold() {
        EngagementFixture fixture = EngagementFixture.create(dataSource, "sending");
        List<EngagementFixture.Lead> leads = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            leads.add(fixture.lead("lead" + i + "@globex.example", "<pm.shield" + i + "@acme.example>"));
        }
        MailEvent template = TestMail.hardBounce(fixture);

        publishHardBounce(template, leads.get(0));
        await().atMost(EFFECT).until(() -> "bounced".equals(fixture.status(leads.get(0))));
        assertThat(fixture.campaignStatus()).as("1 of 20 is exactly 5%").isEqualTo("sending");

        publishHardBounce(template, leads.get(1));
        await().atMost(EFFECT).until(() -> "paused".equals(fixture.campaignStatus()));
        assertThat(fixture.pausedReason()).contains("2 of the last 20 sends hard-bounced");
        assertThat(fixture.count(
                        "SELECT count(*) FROM outbox WHERE tenant_id = ? AND topic = 'notifications'"
                                + " AND body::jsonb ->> 'subject_id' = ?",
                        fixture.campaignId.toString()))
                .isEqualTo(1);
        assertThat(fixture.count("SELECT count(*) FROM outbox WHERE tenant_id = ? AND topic = 'audit.events'"
                        + " AND body::jsonb ->> 'action' = 'campaign.paused'"))
                .isEqualTo(1);
        assertThat(AnalyticsProbe.recordsOf(Topics.NOTIFICATIONS, fixture.tenantId, 1))
                .singleElement()
                .asString()
                .contains("bounce shield");
    }

    @Test
    void aThresholdSetThroughTheApiDecidesWhenTheShieldPausesTheCampaign() {
        EngagementFixture fixture = EngagementFixture.create(dataSource, "sending");
        settings(fixture, Map.of("bounce_shield", Map.of("threshold", 0.1)));
        List<EngagementFixture.Lead> leads = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            leads.add(fixture.lead("lead" + i + "@globex.example", "<pm.custom" + i + "@acme.example>"));
        }
        MailEvent template = TestMail.hardBounce(fixture);

        publishHardBounce(template, leads.get(0));
        publishHardBounce(template, leads.get(1));
        await().atMost(EFFECT)
                .until(() -> "bounced".equals(fixture.status(leads.get(0)))
                        && "bounced".equals(fixture.status(leads.get(1))));
        assertThat(fixture.campaignStatus()).as("2 of 20 is exactly 10%").isEqualTo("sending");

        publishHardBounce(template, leads.get(2));
        await().atMost(EFFECT).until(() -> "paused".equals(fixture.campaignStatus()));
        assertThat(fixture.pausedReason()).contains("3 of the last 20 sends hard-bounced (threshold 10%)");
    }

    @Test
    void anOutOfOfficePausesTheLeadUntilItsReturnDateAndIsNoReply() {
        EngagementFixture fixture = EngagementFixture.create(dataSource, "sending");
        EngagementFixture.Lead julia = fixture.lead("julia.weber@initech.example", "<pm.9a8b7c6d.step1@acme.example>");
        EngagementFixture.Lead kai = fixture.lead("kai@initech.example", "<pm.kai.step1@acme.example>");
        Instant before = fixture.instant(julia, "next_run_at");
        settings(fixture, Map.of("ooo_pause_days", 3));

        LocalDate back = LocalDate.now(ZoneOffset.UTC).plusDays(100);
        TestMail.publish(Topics.MAIL_AUTOREPLY, TestMail.newId(), TestMail.outOfOffice(fixture, back));
        MailEvent undated = TestMail.withThreading(
                TestMail.outOfOffice(fixture, null),
                "<pm.kai.step1@acme.example>",
                "kai@initech.example",
                "auto_reply");
        TestMail.publish(Topics.MAIL_AUTOREPLY, TestMail.newId(), undated);

        Instant returnDate = back.atStartOfDay(ZoneOffset.UTC).toInstant();
        await().atMost(EFFECT).until(() -> returnDate.equals(fixture.instant(julia, "paused_until")));
        assertThat(fixture.instant(julia, "next_run_at")).isEqualTo(returnDate).isAfter(before);
        assertThat(fixture.status(julia)).isEqualTo("active");
        assertThat(fixture.instant(julia, "replied_at")).isNull();
        await().atMost(EFFECT).until(() -> fixture.instant(kai, "paused_until") != null);
        assertThat(fixture.instant(kai, "paused_until"))
                .as("no return date: the campaign's ooo_pause_days")
                .isBetween(
                        Instant.now().plus(Duration.ofDays(3)).minusSeconds(120),
                        Instant.now().plus(Duration.ofDays(3)));
        assertThat(fixture.count("SELECT count(*) FROM outbox WHERE tenant_id = ? AND topic = 'analytics.events'"))
                .isZero();
    }

    @Test
    void aComplaintSuppressesRecordsAndStopsTheLead() {
        EngagementFixture fixture = EngagementFixture.create(dataSource, "sending");
        EngagementFixture.Lead pat = fixture.lead("pat.doe@bigmail.example", "<pm.3c4d5e6f.step2@acme.example>");
        MailEvent complaint = TestMail.complaint(fixture);
        String eventId = TestMail.newId();

        TestMail.publish(Topics.MAIL_BOUNCE, eventId, complaint);
        TestMail.publish(Topics.MAIL_BOUNCE, eventId, complaint);

        ConsumerOffsets.awaitConsumed(Topics.MAIL_BOUNCE);
        assertThat(fixture.status(pat)).isEqualTo("complained");
        assertThat(fixture.suppression("pat.doe@bigmail.example")).isEqualTo("complaint");
        assertThat(fixture.count(
                        "SELECT count(*) FROM complaints WHERE tenant_id = ? AND lead_id = ? AND feedback_type = 'abuse'",
                        pat.id()))
                .isEqualTo(1);
        assertThat(AnalyticsProbe.analyticsOf(fixture.tenantId, 1))
                .extracting(AnalyticsEvent::eventType)
                .containsExactly("complained");
    }

    @Test
    void aBounceForNoCampaignEmailIsKeptUnmatched() {
        EngagementFixture fixture = EngagementFixture.create(dataSource, "sending");
        MailEvent bounce = TestMail.hardBounce(fixture);

        TestMail.publish(Topics.MAIL_BOUNCE, TestMail.newId(), bounce);

        await().atMost(EFFECT)
                .until(() -> fixture.count(
                                "SELECT count(*) FROM unmatched_messages WHERE tenant_id = ? AND storage_key = ?"
                                        + " AND reason LIKE '%nobody@globex.example%'",
                                bounce.storageKey())
                        == 1);
        assertThat(fixture.suppression("nobody@globex.example")).isNull();
    }

    @Test
    void recordsThatBreakTheContractGoToTheDlqWithTheReasonAndTheRecordsAroundThemAreApplied() {
        EngagementFixture fixture = EngagementFixture.create(dataSource, "sending");
        MailEvent reply = TestMail.reply(fixture);
        MailEvent misfiled = TestMail.withThreading(reply, null, "a@b.example", "bounce");
        MailEvent before = TestMail.withThreading(TestMail.reply(fixture), null, "first@else.example", "email");
        MailEvent after = TestMail.withThreading(TestMail.reply(fixture), null, "second@else.example", "email");

        TestMail.publish(Topics.MAIL_INBOUND, TestMail.newId(), before);
        TestMail.send(new ProducerRecord<>(Topics.MAIL_INBOUND, reply.storageKey(), "{\"schema_version\":1}"));
        TestMail.publish(Topics.MAIL_INBOUND, TestMail.newId(), after);
        TestMail.publish(Topics.MAIL_AUTOREPLY, TestMail.newId(), misfiled);

        assertThat(dlqReasons(Topics.MAIL_INBOUND, reply.storageKey()))
                .anySatisfy(reason -> assertThat(reason).contains("missing header ce_id"));
        assertThat(dlqReasons(Topics.MAIL_AUTOREPLY, reply.storageKey()))
                .anySatisfy(reason -> assertThat(reason).contains("does not belong on mail.autoreply"));
        await().atMost(EFFECT)
                .until(() -> fixture.count("SELECT count(*) FROM unmatched_messages WHERE tenant_id = ?"
                                + " AND from_address IN ('first@else.example', 'second@else.example')")
                        == 2);
        assertThat(fixture.count("SELECT count(*) FROM processed_events WHERE tenant_id = ?"))
                .isEqualTo(2);
    }

    /** Changes the fixture campaign's engagement rules over the API, as its tenant. */
    private static void settings(EngagementFixture fixture, Map<String, Object> body) {
        given().auth()
                .oauth2(TestApi.issueToken(fixture.tenantId.toString()))
                .contentType(ContentType.JSON)
                .body(body)
                .patch("/v1/campaigns/{id}", fixture.campaignId)
                .then()
                .statusCode(200);
    }

    private static void publishHardBounce(MailEvent template, EngagementFixture.Lead lead) {
        MailEvent bounce = TestMail.withRecipient(
                template, new MailEvent.BounceRecipient(lead.email(), "5.1.1", "550", "mailbox_unknown", true, null));
        MailEvent.Bounce report =
                new MailEvent.Bounce(lead.messageId(), null, bounce.bounce().recipients());
        TestMail.publish(Topics.MAIL_BOUNCE, TestMail.newId(), TestMail.withBounce(bounce, report));
    }

    private static List<String> dlqReasons(String topic, String key) {
        Properties props = new Properties();
        props.put("bootstrap.servers", PenguinTestResource.sharedBroker().bootstrapServers());
        props.put("group.id", "dlq-probe-" + UUID.randomUUID());
        props.put("auto.offset.reset", "earliest");
        List<String> reasons = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.dlq(topic)));
            long deadline = System.currentTimeMillis() + 30_000;
            while (reasons.isEmpty() && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(300))) {
                    if (key.equals(record.key()) && record.headers().lastHeader("dead-letter-reason") != null) {
                        reasons.add(new String(
                                record.headers()
                                        .lastHeader("dead-letter-reason")
                                        .value(),
                                StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return reasons;
    }
}
