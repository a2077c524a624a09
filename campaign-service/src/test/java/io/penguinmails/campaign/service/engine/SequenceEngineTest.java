package io.penguinmails.campaign.service.engine;

import static io.penguinmails.campaign.service.engine.EngineFixtures.email;
import static io.penguinmails.campaign.service.engine.EngineFixtures.window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.penguinmails.campaign.ControlledClock;
import io.penguinmails.campaign.KeyDirResource;
import io.penguinmails.campaign.SmtpSink;
import io.penguinmails.campaign.TestApi;
import io.penguinmails.contracts.AnalyticsEvent;
import io.penguinmails.contracts.CloudEvent;
import io.penguinmails.contracts.EventJson;
import io.penguinmails.contracts.OutboundMailEvent;
import io.penguinmails.contracts.Topics;
import io.penguinmails.infra.PenguinTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(
        value = PenguinTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "penguin_oltp_test"))
@QuarkusTestResource(KeyDirResource.class)
class SequenceEngineTest {

    /** A Monday, 07:00 UTC: 08:00 in Berlin and 02:00 in New York, before both windows open. */
    private static final Instant MONDAY_0700 = Instant.parse("2026-11-30T07:00:00Z");

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Inject
    DataSource dataSource;

    @Inject
    SequenceEngine engine;

    @Inject
    ControlledClock clock;

    private GreenMail greenMail;

    @BeforeEach
    void startSmtp() {
        greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        greenMail.start();
    }

    @AfterEach
    void stopSmtp() {
        greenMail.stop();
        clock.reset();
    }

    @Test
    void threeStepCampaignSendsTheRightMailsInTheirWindowsWithinTheLimits() throws Exception {
        clock.set(MONDAY_0700);
        String tenant = TestApi.createTenant("Engine Tenant");
        EngineFixtures fx = new EngineFixtures(dataSource, tenant, TestApi.issueToken(tenant));
        String domain = "d" + UUID.randomUUID().toString().substring(0, 8) + ".test";
        int port = greenMail.getSmtp().getPort();
        List<UUID> mailboxes = List.of(
                fx.mailbox("one@alpha-" + domain, port, 10),
                fx.mailbox("two@beta-" + domain, port, 10),
                fx.mailbox("three@gamma-" + domain, port, 10));
        UUID first = fx.template(
                "Hello {{first_name|there}}",
                "<html><body><p>Hi {{first_name}}, <a href=\"https://example.com/offer\">see</a></p></body></html>",
                null);
        UUID followUp = fx.template("unused", "<p>Just following up, {{first_name}}</p>", "Just following up");
        UUID lastCall = fx.template("unused", "<p>Last note from me, {{first_name}}</p>", "Last note");
        Map<String, UUID> leads = new HashMap<>();
        Map<String, ZoneId> zones = new HashMap<>();
        for (int i = 0; i < 50; i++) {
            boolean newYork = i % 5 == 4;
            String address = "lead" + i + "@" + domain;
            leads.put(address, fx.lead("prospects", address, "Lead" + i, newYork ? "America/New_York" : null));
            zones.put(address, newYork ? NEW_YORK : BERLIN);
        }
        String suppressedEarly1 = "lead0@" + domain;
        String suppressedEarly2 = "lead1@" + domain;
        String suppressedLate = "lead2@" + domain;
        fx.update(
                "INSERT INTO suppressions (tenant_id, email, reason) VALUES (?, ?, 'manual')",
                fx.tenantId,
                suppressedEarly1);
        fx.update(
                "INSERT INTO suppressions (tenant_id, email, reason) VALUES (?, ?, 'unsubscribed')",
                fx.tenantId,
                suppressedEarly2);

        String campaignId = fx.campaign(Map.of(
                "name", "Three steps",
                "email_account_ids", mailboxes,
                "timezone", "Europe/Berlin",
                "sending_window", window(List.of(1, 2, 3, 4, 5), "09:00", "17:00"),
                "tracking", Map.of("opens", true, "clicks", true),
                "spacing", Map.of("min_seconds", 0, "max_seconds", 0),
                "steps",
                        List.of(
                                email(first),
                                Map.of("type", "wait", "hours", 24),
                                Map.of("type", "condition", "condition", "no_reply"),
                                email(followUp),
                                Map.of("type", "wait", "hours", 24),
                                email(lastCall))));
        Map<String, Object> enrolled = fx.enroll(campaignId, "prospects");
        assertThat(enrolled).containsEntry("enrolled", 48).containsEntry("suppressed", 2);
        assertThat(fx.enroll(campaignId, "prospects"))
                .containsEntry("enrolled", 0)
                .containsEntry("already_enrolled", 48);
        fx.start(campaignId);

        List<Sent> sent = new ArrayList<>();
        tick(sent);
        assertThat(sent).as("nothing goes out before the windows open").isEmpty();
        assertThat(fx.status(campaignId)).isEqualTo("sending");

        fx.update(
                "INSERT INTO suppressions (tenant_id, email, reason) VALUES (?, ?, 'complaint')",
                fx.tenantId,
                suppressedLate);
        clock.set(MONDAY_0700.plus(Duration.ofHours(1)));
        tick(sent);
        assertThat(sent).as("Monday 09:00 Berlin: three mailboxes of 10").hasSize(30);
        assertThat(sent).allMatch(mail -> zones.get(mail.to()).equals(BERLIN));

        List<String> replied = sent.subList(0, 5).stream().map(Sent::to).toList();
        for (String address : replied) {
            fx.update("UPDATE campaign_enrollments SET replied_at = now() WHERE lead_id = ?", leads.get(address));
        }
        // Two weeks: 47 first emails, 42 follow-ups and 47 last emails at 10 a day per mailbox, weekdays only.
        for (int hour = 2; hour < 14 * 24; hour++) {
            clock.set(MONDAY_0700.plus(Duration.ofHours(hour)));
            tick(sent);
        }

        Map<String, List<Sent>> byLead = new HashMap<>();
        sent.forEach(mail ->
                byLead.computeIfAbsent(mail.to(), k -> new ArrayList<>()).add(mail));
        assertThat(byLead).doesNotContainKeys(suppressedEarly1, suppressedEarly2, suppressedLate);
        assertThat(byLead).hasSize(47);
        assertThat(sent).hasSize(47 + 42 + 47);
        for (Map.Entry<String, List<Sent>> lead : byLead.entrySet()) {
            List<Sent> mails = lead.getValue();
            String firstName = "Lead" + lead.getKey().substring(4, lead.getKey().indexOf('@'));
            assertThat(mails.get(0).subject()).isEqualTo("Hello " + firstName);
            assertThat(mails.get(0).inReplyTo()).isNull();
            if (replied.contains(lead.getKey())) {
                // replied_at alone (a real reply also stops the sequence) fails only the condition's guarded step.
                assertThat(mails)
                        .as("no_reply skips the follow-up, not the last step")
                        .hasSize(2);
                assertThat(mails.get(1).subject()).isEqualTo("Re: Hello " + firstName);
                assertThat(Duration.between(mails.get(0).at(), mails.get(1).at()))
                        .isGreaterThanOrEqualTo(Duration.ofHours(48));
                continue;
            }
            assertThat(mails).hasSize(3);
            for (int step = 1; step < 3; step++) {
                Sent next = mails.get(step);
                assertThat(next.subject()).isEqualTo("Re: Hello " + firstName);
                assertThat(next.inReplyTo())
                        .isIn(mails.get(0).messageId(), mails.get(step - 1).messageId());
                assertThat(next.from())
                        .as("follow-ups stay on the first mailbox")
                        .isEqualTo(mails.get(0).from());
                assertThat(Duration.between(mails.get(step - 1).at(), next.at()))
                        .isGreaterThanOrEqualTo(Duration.ofHours(24));
            }
        }
        for (Sent mail : sent) {
            ZonedDateTime local = mail.at().atZone(zones.get(mail.to()));
            assertThat(local.getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
            assertThat(local.toLocalTime()).isBetween(LocalTime.of(9, 0), LocalTime.of(16, 59));
            assertThat(mail.messageId())
                    .endsWith(mail.from().substring(mail.from().indexOf('@') + 1) + ">");
            assertThat(mail.listUnsubscribe()).startsWith("<http").endsWith(">");
            assertThat(mail.listUnsubscribePost()).isEqualTo("List-Unsubscribe=One-Click");
            assertThat(mail.hasTextPart()).isTrue();
        }
        Map<String, Integer> perMailboxDay = new HashMap<>();
        sent.forEach(mail -> perMailboxDay.merge(
                mail.from() + " " + mail.at().atZone(ZoneOffset.UTC).toLocalDate(), 1, Integer::sum));
        assertThat(perMailboxDay.values()).allMatch(count -> count <= 10);
        assertThat(byLead.values().stream()
                        .filter(mails -> !mails.get(0).at().isBefore(MONDAY_0700.plus(Duration.ofHours(17)))))
                .as("some first emails rolled to a later day")
                .isNotEmpty();

        assertThat(fx.status(campaignId)).isEqualTo("completed");
        assertThat(enrollmentStatuses(campaignId)).isEqualTo(Map.of("completed", 47L, "suppressed", 1L));
        Set<String> messageIds = new HashSet<>();
        sent.forEach(mail -> messageIds.add(mail.messageId()));
        assertThat(outboundRefs(campaignId)).containsExactlyInAnyOrderElementsOf(messageIds);
        assertEventsOnTheTopics(tenant, messageIds);
    }

    @Test
    void twoConcurrentPassesNeverSendAStepTwice() throws Exception {
        clock.set(Instant.parse("2026-12-02T12:00:00Z"));
        String tenant = TestApi.createTenant("Concurrent Tenant");
        EngineFixtures fx = new EngineFixtures(dataSource, tenant, TestApi.issueToken(tenant));
        String domain = "c" + UUID.randomUUID().toString().substring(0, 8) + ".test";
        int port = greenMail.getSmtp().getPort();
        UUID a = fx.mailbox("a@" + domain, port, 1000);
        UUID b = fx.mailbox("b@" + domain, port, 1000);
        UUID template = fx.template("Hi {{first_name|there}}", "<p>Hello</p>", "Hello");
        for (int i = 0; i < 40; i++) {
            fx.lead("all", "lead" + i + "@" + domain, "L" + i, null);
        }
        String campaignId = fx.campaign(Map.of(
                "name", "Concurrent",
                "email_account_ids", List.of(a, b),
                "timezone", "UTC",
                "sending_window", window(List.of(1, 2, 3, 4, 5, 6, 7), "00:00", "23:59"),
                "spacing", Map.of("min_seconds", 0, "max_seconds", 0),
                "steps", List.of(email(template))));
        fx.enroll(campaignId, "all");
        fx.start(campaignId);

        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> passes = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            passes.add(pool.submit(() -> {
                go.await();
                return engine.runPass();
            }));
        }
        go.countDown();
        for (Future<Integer> pass : passes) {
            pass.get();
        }
        pool.shutdown();
        while (engine.runPass() > 0) {
            // Drain what the two passes left due (completions).
        }

        Map<String, Integer> perLead = new HashMap<>();
        for (MimeMessage message : greenMail.getReceivedMessages()) {
            String to = ((InternetAddress) message.getRecipients(Message.RecipientType.TO)[0]).getAddress();
            if (to.endsWith("@" + domain)) {
                perLead.merge(to, 1, Integer::sum);
            }
        }
        assertThat(perLead).hasSize(40);
        assertThat(perLead.values()).allMatch(count -> count == 1);
        assertThat(outboundRefs(campaignId)).hasSize(40);
        assertThat(fx.status(campaignId)).isEqualTo("completed");
    }

    @Test
    void aPermanentSmtpFailureFailsOnlyThatLead() throws Exception {
        Instant start = Instant.parse("2026-12-03T10:00:00Z");
        clock.set(start);
        String tenant = TestApi.createTenant("Failure Tenant");
        EngineFixtures fx = new EngineFixtures(dataSource, tenant, TestApi.issueToken(tenant));
        String domain = "f" + UUID.randomUUID().toString().substring(0, 8) + ".test";
        try (SmtpSink sink = SmtpSink.start(Set.of("bad@" + domain), true)) {
            UUID mailbox = fx.mailbox("sender@" + domain, sink.port(), 100);
            UUID template = fx.template("Hi", "<p>Hello {{first_name|friend}}</p>", null);
            fx.lead("mixed", "good1@" + domain, "G1", null);
            UUID bad = fx.lead("mixed", "bad@" + domain, "B", null);
            fx.lead("mixed", "good2@" + domain, "G2", null);
            String campaignId = fx.campaign(Map.of(
                    "name", "Failure",
                    "email_account_ids", List.of(mailbox),
                    "sending_window", window(List.of(1, 2, 3, 4, 5, 6, 7), "00:00", "23:59"),
                    "spacing", Map.of("min_seconds", 0, "max_seconds", 0),
                    "steps", List.of(email(template), Map.of("type", "wait", "minutes", 60), email(template))));
            fx.enroll(campaignId, "mixed");
            fx.start(campaignId);

            drain();
            clock.set(start.plus(Duration.ofMinutes(61)));
            drain();

            Map<String, Integer> perLead = new HashMap<>();
            sink.messages()
                    .forEach(received -> received.recipients().forEach(to -> perLead.merge(to, 1, Integer::sum)));
            assertThat(perLead).isEqualTo(Map.of("good1@" + domain, 2, "good2@" + domain, 2));
            assertThat(enrollmentStatuses(campaignId)).isEqualTo(Map.of("completed", 2L, "failed", 1L));
            assertThat(lastError(bad)).contains("550").contains("User unknown");
            assertThat(fx.status(campaignId)).isEqualTo("completed");
        }
    }

    /** Runs engine passes at the current clock until nothing is due, and notes what GreenMail received meanwhile. */
    private void tick(List<Sent> sent) throws Exception {
        drain();
        Instant at = clock.instant();
        Set<String> seen = new HashSet<>();
        sent.forEach(mail -> seen.add(mail.messageId()));
        // GreenMail lists messages per recipient mailbox, not in arrival order: new ones are told by their Message-ID.
        MimeMessage[] received = greenMail.getReceivedMessages();
        for (MimeMessage message : received) {
            if (seen.add(message.getHeader("Message-ID", null))) {
                sent.add(Sent.of(message, at));
            }
        }
        assertThat(received).as("no Message-ID arrives twice").hasSize(sent.size());
    }

    private void drain() {
        for (int i = 0; i < 100 && engine.runPass() > 0; i++) {
            // Each pass runs what is due now; a send makes the next step due at once.
        }
    }

    private Map<String, Long> enrollmentStatuses(String campaignId) throws Exception {
        String sql = "SELECT status, count(*) FROM campaign_enrollments WHERE campaign_id = ? GROUP BY status";
        Map<String, Long> counts = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, UUID.fromString(campaignId));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return counts;
    }

    private String lastError(UUID leadId) throws Exception {
        String sql = "SELECT last_error FROM campaign_enrollments WHERE lead_id = ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, leadId);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private List<String> outboundRefs(String campaignId) throws Exception {
        String sql = "SELECT message_id FROM inbox_message_refs WHERE campaign_id = ? AND direction = 'outbound'";
        List<String> ids = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, UUID.fromString(campaignId));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }

    /** Exactly one mail.outbound and one "sent" analytics event per mail, attributed to the tenant. */
    private static void assertEventsOnTheTopics(String tenant, Set<String> messageIds) {
        List<String> outbound = new ArrayList<>();
        List<AnalyticsEvent> analytics = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProperties())) {
            consumer.subscribe(List.of(Topics.MAIL_OUTBOUND, Topics.ANALYTICS_EVENTS));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (!tenant.equals(CloudEvent.fromHeaders(record.headers()).tenantId())) {
                        continue;
                    }
                    if (record.topic().equals(Topics.MAIL_OUTBOUND)) {
                        outbound.add(EventJson.read(record.value(), OutboundMailEvent.class)
                                .messageId());
                    } else {
                        analytics.add(EventJson.read(record.value(), AnalyticsEvent.class));
                    }
                }
                return outbound.size() >= messageIds.size()
                        && analytics.stream()
                                        .filter(e -> e.eventType().equals("sent"))
                                        .count()
                                >= messageIds.size();
            });
            // A little longer, so a duplicate published late would be seen.
            consumer.poll(Duration.ofSeconds(3)).forEach(record -> {
                if (tenant.equals(CloudEvent.fromHeaders(record.headers()).tenantId())
                        && record.topic().equals(Topics.MAIL_OUTBOUND)) {
                    outbound.add(EventJson.read(record.value(), OutboundMailEvent.class)
                            .messageId());
                }
            });
        }
        assertThat(outbound).containsExactlyInAnyOrderElementsOf(messageIds);
        List<AnalyticsEvent> sentEvents =
                analytics.stream().filter(e -> e.eventType().equals("sent")).toList();
        assertThat(sentEvents).hasSize(messageIds.size());
        assertThat(sentEvents)
                .allMatch(e -> e.campaignId() != null
                        && e.stepId() != null
                        && e.leadId() != null
                        && e.emailAccountId() != null
                        && e.storageKey() != null);
    }

    private static Properties consumerProperties() {
        Properties props = new Properties();
        props.putAll(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        PenguinTestResource.sharedBroker().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "engine-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()));
        return props;
    }

    /** A mail GreenMail received, with the engine time of the pass that sent it. */
    private record Sent(
            String to,
            String from,
            String subject,
            String messageId,
            String inReplyTo,
            String listUnsubscribe,
            String listUnsubscribePost,
            boolean hasTextPart,
            Instant at) {

        static Sent of(MimeMessage message, Instant at) throws Exception {
            return new Sent(
                    ((InternetAddress) message.getRecipients(Message.RecipientType.TO)[0]).getAddress(),
                    ((InternetAddress) message.getFrom()[0]).getAddress(),
                    message.getSubject(),
                    message.getHeader("Message-ID", null),
                    message.getHeader("In-Reply-To", null),
                    message.getHeader("List-Unsubscribe", null),
                    message.getHeader("List-Unsubscribe-Post", null),
                    com.icegreen.greenmail.util.GreenMailUtil.getWholeMessage(message)
                            .contains("text/plain"),
                    at);
        }
    }
}
