package io.penguinmails.campaign.engagement;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.penguinmails.campaign.ControlledClock;
import io.penguinmails.campaign.KeyDirResource;
import io.penguinmails.campaign.TestApi;
import io.penguinmails.campaign.repository.EngineRepository;
import io.penguinmails.campaign.service.engine.SequenceEngine;
import io.penguinmails.campaign.service.tracking.TrackingLinks;
import io.penguinmails.contracts.MailEvent;
import io.penguinmails.contracts.Topics;
import io.penguinmails.infra.PenguinTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.RedirectConfig;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The engagement loop as the sequence engine sees it: campaigns created over the API and run pass by pass on a
 * controlled clock, GreenMail as the SMTP server, engagement arriving through the real tracking endpoints and the
 * mail consumers.
 */
@QuarkusTest
@QuarkusTestResource(
        value = PenguinTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "penguin_oltp_test"))
@QuarkusTestResource(KeyDirResource.class)
class EngagementEngineTest {

    private static final Duration EFFECT = Duration.ofSeconds(30);
    private static final String FIRST = "First touch";
    private static final String SECOND = "Second touch";
    private static final String THIRD = "Third touch";

    @Inject
    DataSource dataSource;

    @Inject
    SequenceEngine engine;

    @Inject
    EngineRepository engineRepository;

    @Inject
    ControlledClock clock;

    private GreenMail greenMail;
    private UUID tenantId;
    private String token;
    private UUID mailbox;
    private String domain;
    /** Relative to the run, so that no test depends on the date it runs on. */
    private Instant start;

    @BeforeEach
    void tenantWithAMailbox() {
        greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        greenMail.start();
        start = Instant.now().truncatedTo(ChronoUnit.HOURS);
        clock.set(start);
        tenantId = UUID.fromString(TestApi.createTenant("Engagement engine " + UUID.randomUUID()));
        token = TestApi.issueToken(tenantId.toString());
        domain = "e" + UUID.randomUUID().toString().substring(0, 8) + ".test";
        mailbox = UUID.randomUUID();
        exec(
                "INSERT INTO email_accounts (id, tenant_id, email, from_name, daily_limit, ramp_start, ramp_step,"
                        + " smtp_host, smtp_port, smtp_security, created) VALUES (?, ?, ?, 'Sam', 100, 100, 5,"
                        + " '127.0.0.1', ?, 'none', now() - interval '1 year')",
                mailbox,
                tenantId,
                "sam@" + domain,
                greenMail.getSmtp().getPort());
    }

    @AfterEach
    void stop() {
        greenMail.stop();
        clock.reset();
    }

    @ParameterizedTest
    @ValueSource(strings = {"no_open", "no_click", "no_reply"})
    void aConditionSkipsTheFollowUpForLeadsWhoseEngagementMakesItFalse(String condition) throws Exception {
        Map<String, UUID> leads = leads("untouched", "opener", "clicker", "replier", "noted");
        String campaign = campaign(
                List.of(email(FIRST), wait(60), Map.of("type", "condition", "condition", condition), email(SECOND)));
        drain();
        assertThat(received().keySet()).hasSize(5);

        String openerHtml = html(firstMail(address("opener")));
        given().get(trackingPath(openerHtml, TrackingLinks.OPEN_PATH)).then().statusCode(200);
        String clickerHtml = html(firstMail(address("clicker")));
        given().config(RestAssured.config()
                        .redirect(RedirectConfig.redirectConfig().followRedirects(false)))
                .get(trackingPath(clickerHtml, TrackingLinks.CLICK_PATH))
                .then()
                .statusCode(302);
        MailEvent reply = TestMail.withThreading(
                TestMail.reply(tenantId, mailbox),
                firstMail(address("replier")).getMessageID(),
                address("replier"),
                "email");
        TestMail.publish(Topics.MAIL_INBOUND, TestMail.newId(), reply);
        await().atMost(EFFECT).until(() -> "replied".equals(status(leads.get("replier"))));
        // A reply stops the sequence, so only a replied_at on a lead still active shows no_reply's false branch.
        exec("UPDATE campaign_enrollments SET replied_at = now() WHERE lead_id = ?", leads.get("noted"));

        clock.set(start.plus(Duration.ofMinutes(61)));
        drain();

        Set<String> expected =
                switch (condition) {
                    case "no_open" -> Set.of("untouched", "noted");
                    case "no_click" -> Set.of("untouched", "opener", "noted");
                    default -> Set.of("untouched", "opener", "clicker");
                };
        Map<String, List<String>> mails = received();
        for (String lead : leads.keySet()) {
            List<String> want = expected.contains(lead) ? List.of(FIRST, SECOND) : List.of(FIRST);
            assertThat(mails.get(address(lead)))
                    .as(lead + " under " + condition)
                    .isEqualTo(want);
        }
        assertThat(status(leads.get("replier"))).isEqualTo("replied");
        assertThat(conditionExecutions(campaign))
                .as("every lead still active reached the condition")
                .isEqualTo(4);
    }

    @Test
    void anOutOfOfficeHoldsTheSequenceUntilTheReturnDateEvenWhenItRacesASend() throws Exception {
        Map<String, UUID> leads = leads("away", "racer");
        campaign(List.of(email(FIRST), wait(60), email(SECOND), wait(60), email(THIRD)));
        drain();
        LocalDate back = LocalDate.ofInstant(start, ZoneOffset.UTC).plusDays(10);
        Instant pausedUntil = back.atStartOfDay(ZoneOffset.UTC).toInstant();

        // The racer's second email is in flight (claimed, not settled) when its out-of-office arrives.
        UUID racer = enrollment(leads.get("racer"));
        Instant claimedAt = start.plus(Duration.ofMinutes(61));
        exec(
                "UPDATE campaign_enrollments SET current_step_order = 3, sending_message_id = '<inflight@test>',"
                        + " sending_email_account_id = ?, sending_since = ?, next_run_at = ? WHERE id = ?",
                mailbox,
                claimedAt.atOffset(ZoneOffset.UTC),
                claimedAt.plus(Duration.ofMinutes(5)).atOffset(ZoneOffset.UTC),
                racer);
        for (String lead : List.of("away", "racer")) {
            TestMail.publish(
                    Topics.MAIL_AUTOREPLY,
                    TestMail.newId(),
                    TestMail.withThreading(
                            TestMail.outOfOffice(tenantId, mailbox, back),
                            firstMail(address(lead)).getMessageID(),
                            address(lead),
                            "auto_reply"));
        }
        await().atMost(EFFECT)
                .until(() -> pausedUntil.equals(instant(racer, "paused_until"))
                        && pausedUntil.equals(instant(enrollment(leads.get("away")), "paused_until")));
        boolean settled = QuarkusTransaction.requiringNew()
                .call(() -> engineRepository.settleSent(new EngineRepository.SentUpdate(
                        racer, mailbox, "<inflight@test>", "Re: " + FIRST, claimedAt, null)));
        assertThat(settled).isTrue();
        assertThat(instant(racer, "next_run_at"))
                .as("the settle keeps the pause")
                .isEqualTo(pausedUntil);

        clock.set(start.plus(Duration.ofHours(2)));
        drain();
        clock.set(pausedUntil.minus(Duration.ofMinutes(1)));
        drain();
        assertThat(received().get(address("away")))
                .as("paused until the return date")
                .containsExactly(FIRST);
        assertThat(received().get(address("racer"))).containsExactly(FIRST);

        clock.set(pausedUntil.plus(Duration.ofMinutes(1)));
        drain();
        assertThat(received().get(address("away")))
                .as("resumed on the return date")
                .containsExactly(FIRST, SECOND);
        assertThat(received().get(address("racer")))
                .as("its wait starts on the return date")
                .containsExactly(FIRST);
        clock.set(pausedUntil.plus(Duration.ofMinutes(62)));
        drain();
        assertThat(received().get(address("racer"))).containsExactly(FIRST, THIRD);
    }

    @Test
    void aSoftBounceSendsTheStepAgainUpToTheLimitButNeverRewindsPastALaterSend() throws Exception {
        Map<String, UUID> leads = leads("full", "late");
        campaign(List.of(email(FIRST), wait(60), email(SECOND), wait(60), email(THIRD)));
        drain();
        UUID full = enrollment(leads.get("full"));
        UUID late = enrollment(leads.get("late"));

        softBounce("full", lastMessageId(full), 1);
        await().atMost(EFFECT).until(() -> stepOrder(full) == 1);
        clock.set(start.plus(Duration.ofHours(2)));
        drain();
        assertThat(received().get(address("late"))).containsExactly(FIRST, SECOND);
        assertThat(received().get(address("full")))
                .as("not before the retry delay")
                .containsExactly(FIRST);

        softBounce("late", firstMail(address("late")).getMessageID(), 2);
        int lateStep = stepOrder(late);
        assertThat(lateStep).as("the later email went out: no rewind").isEqualTo(5);

        clock.set(start.plus(Duration.ofHours(6)).plus(Duration.ofMinutes(1)));
        drain();
        assertThat(received().get(address("full")))
                .as("the bounced step is sent again")
                .containsExactly(FIRST, FIRST);
        assertThat(received().get(address("late"))).containsExactly(FIRST, SECOND, THIRD);

        softBounce("full", lastMessageId(full), 3);
        await().atMost(EFFECT).until(() -> stepOrder(full) == 1);
        clock.set(start.plus(Duration.ofHours(12)).plus(Duration.ofMinutes(2)));
        drain();
        assertThat(received().get(address("full"))).containsExactly(FIRST, FIRST, FIRST);

        softBounce("full", lastMessageId(full), 4);
        await().atMost(EFFECT).until(() -> "failed".equals(status(leads.get("full"))));
        clock.set(start.plus(Duration.ofDays(1)));
        drain();
        assertThat(received().get(address("full"))).as("retries exhausted").containsExactly(FIRST, FIRST, FIRST);
        assertThat(status(leads.get("late"))).isEqualTo("completed");
    }

    private void softBounce(String lead, String messageId, int processedAfter) {
        MailEvent report = TestMail.withBounce(
                TestMail.hardBounce(tenantId, mailbox),
                new MailEvent.Bounce(
                        messageId,
                        null,
                        List.of(new MailEvent.BounceRecipient(
                                address(lead), "4.2.2", "452", "mailbox_full", false, null))));
        TestMail.publish(Topics.MAIL_BOUNCE, TestMail.newId(), report);
        await().atMost(EFFECT)
                .until(() -> count("SELECT count(*) FROM processed_events WHERE tenant_id = ?") == processedAfter);
    }

    private Map<String, UUID> leads(String... names) {
        Map<String, UUID> ids = new LinkedHashMap<>();
        UUID list = UUID.randomUUID();
        exec("INSERT INTO lead_lists (id, tenant_id, name) VALUES (?, ?, 'engaged')", list, tenantId);
        for (String name : names) {
            UUID id = UUID.randomUUID();
            exec(
                    "INSERT INTO leads (id, tenant_id, email, first_name) VALUES (?, ?, ?, ?)",
                    id,
                    tenantId,
                    address(name),
                    name);
            exec("INSERT INTO lead_list_members (tenant_id, list_id, lead_id) VALUES (?, ?, ?)", tenantId, list, id);
            ids.put(name, id);
        }
        return ids;
    }

    /** Creates, enrolls the list and starts a campaign sending at any hour; returns its id. */
    private String campaign(List<Map<String, Object>> steps) {
        String id = given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "name", "Engagement",
                        "email_account_ids", List.of(mailbox),
                        "sending_window",
                                Map.of("days", List.of(1, 2, 3, 4, 5, 6, 7), "start", "00:00", "end", "23:59"),
                        "tracking", Map.of("opens", true, "clicks", true),
                        "spacing", Map.of("min_seconds", 0, "max_seconds", 0),
                        "steps", steps))
                .post("/v1/campaigns")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("list", "engaged"))
                .post("/v1/campaigns/{id}/enroll", id)
                .then()
                .statusCode(200);
        given().auth().oauth2(token).post("/v1/campaigns/{id}/start", id).then().statusCode(200);
        return id;
    }

    private Map<String, Object> email(String text) {
        UUID template = UUID.randomUUID();
        exec(
                "INSERT INTO templates (id, tenant_id, name, subject, html, text) VALUES (?, ?, ?, 'Hello', ?, ?)",
                template,
                tenantId,
                text,
                "<p>" + text + ": <a href=\"https://acme.example/pricing\">pricing</a></p>",
                text);
        return Map.of("type", "email", "template_id", template.toString());
    }

    private static Map<String, Object> wait(int minutes) {
        return Map.of("type", "wait", "minutes", minutes);
    }

    private void drain() {
        for (int i = 0; i < 100 && engine.runPass() > 0; i++) {
            // Each pass runs what is due now; a send makes the next step due at once.
        }
    }

    /** The steps each lead received, in arrival order, told apart by their text. */
    private Map<String, List<String>> received() throws Exception {
        Map<String, List<String>> mails = new LinkedHashMap<>();
        for (MimeMessage message : greenMail.getReceivedMessages()) {
            String body = GreenMailUtil.getWholeMessage(message);
            String step = body.contains(THIRD) ? THIRD : body.contains(SECOND) ? SECOND : FIRST;
            mails.computeIfAbsent(recipient(message), k -> new ArrayList<>()).add(step);
        }
        return mails;
    }

    private MimeMessage firstMail(String address) throws Exception {
        for (MimeMessage message : greenMail.getReceivedMessages()) {
            if (recipient(message).equals(address)) {
                return message;
            }
        }
        throw new AssertionError("no mail to " + address);
    }

    private static String recipient(MimeMessage message) throws Exception {
        return ((InternetAddress) message.getRecipients(Message.RecipientType.TO)[0]).getAddress();
    }

    /** The path of the first tracking URL of that kind in the HTML. */
    private static String trackingPath(String html, String prefix) {
        Matcher matcher = Pattern.compile("https?://[^/\"]+(" + Pattern.quote(prefix) + "[A-Za-z0-9_-]+)")
                .matcher(html);
        assertThat(matcher.find()).as("a %s link in %s", prefix, html).isTrue();
        return matcher.group(1);
    }

    /** The decoded HTML part of a message. */
    private static String html(Part part) throws Exception {
        if (part.isMimeType("text/html")) {
            return (String) part.getContent();
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                String found = html(multipart.getBodyPart(i));
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private String address(String lead) {
        return lead + "@" + domain;
    }

    private UUID enrollment(UUID leadId) {
        return one("SELECT id FROM campaign_enrollments WHERE lead_id = ?", UUID.class, leadId);
    }

    private String status(UUID leadId) {
        return one("SELECT status FROM campaign_enrollments WHERE lead_id = ?", String.class, leadId);
    }

    private int stepOrder(UUID enrollmentId) {
        return one("SELECT current_step_order FROM campaign_enrollments WHERE id = ?", Integer.class, enrollmentId);
    }

    private String lastMessageId(UUID enrollmentId) {
        return one("SELECT last_message_id FROM campaign_enrollments WHERE id = ?", String.class, enrollmentId);
    }

    private Instant instant(UUID enrollmentId, String column) {
        OffsetDateTime value =
                one("SELECT " + column + " FROM campaign_enrollments WHERE id = ?", OffsetDateTime.class, enrollmentId);
        return value == null ? null : value.toInstant();
    }

    private long conditionExecutions(String campaignId) {
        return one(
                "SELECT executed_count FROM campaign_sequence_steps WHERE campaign_id = ? AND step_type = 'condition'",
                Integer.class,
                UUID.fromString(campaignId));
    }

    private long count(String sql) {
        return one(sql, Long.class, tenantId);
    }

    private <T> T one(String sql, Class<T> type, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? rs.getObject(1, type) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void exec(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
