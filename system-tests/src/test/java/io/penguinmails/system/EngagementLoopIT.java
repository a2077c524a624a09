package io.penguinmails.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.penguinmails.contracts.AnalyticsEvent;
import io.penguinmails.contracts.CloudEvent;
import io.penguinmails.contracts.EventJson;
import io.penguinmails.contracts.Topics;
import io.penguinmails.infra.KafkaBroker;
import io.restassured.RestAssured;
import io.restassured.config.RedirectConfig;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engagement loop over the packaged services, a real broker and GreenMail as the tenant's SMTP server: a
 * campaign of a first email, a wait, a {@code no_click} condition and a follow-up, sent to six leads, where one
 * replies (through ingest-service's raw endpoint), one hard-bounces (a DSN naming the sent Message-ID), one is out of
 * office, one opens and clicks, one unsubscribes with one click and one does nothing. Only the one who did nothing
 * gets the follow-up (the clicker is skipped by the condition, the others stopped or paused), and every analytics
 * event is published exactly once.
 */
class EngagementLoopIT {

    private static final String REPLIER = "maria.lopez@northwind.example";
    private static final String BOUNCER = "nobody@globex.example";
    private static final String AWAY = "julia.weber@initech.example";
    private static final String CLICKER = "ada@lovelace.example";
    private static final String LEAVER = "bo@leaving.example";
    private static final String QUIET = "ken@quiet.example";
    private static final String TARGET = "https://acme.example/pricing?plan=pro";

    private static final DateTimeFormatter RFC_5322 =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ENGLISH);
    private static final DateTimeFormatter RETURN_DAY = DateTimeFormatter.ofPattern("d MMMM", Locale.ENGLISH);

    private static Suite suite;
    private static GreenMail smtp;
    private static String token;
    private static String tenantId;

    @BeforeAll
    static void startSuite() {
        int smtpPort = KafkaBroker.freePort();
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        smtp.start();
        suite = new Suite().start();
        Suite.Tenant tenant = suite.createTenant("Acme Engagement");
        tenantId = tenant.id();
        token = tenant.token();
    }

    @AfterAll
    static void stopSuite() {
        if (suite != null) {
            suite.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    void eachLeadGetsWhatItsEngagementSaysAndEveryEventIsPublishedOnce() throws Exception {
        String mailbox = createMailbox(smtp.getSmtp().getPort());
        startCampaign(mailbox, importLeads());

        await().atMost(Duration.ofSeconds(90)).until(() -> smtp.getReceivedMessages().length >= 6);
        Map<String, MimeMessage> first = byRecipient(smtp.getReceivedMessages());
        assertThat(first).containsOnlyKeys(REPLIER, BOUNCER, AWAY, CLICKER, LEAVER, QUIET);

        postRaw(fill("reply.eml", REPLIER, first.get(REPLIER).getMessageID()), mailbox);
        postRaw(fill("dsn-hard-bounce.eml", BOUNCER, first.get(BOUNCER).getMessageID()), mailbox);
        // Away until 11 days after the run, written as Exchange does ("until 24 December"); ingest reads the date.
        LocalDate back = LocalDate.now(ZoneOffset.UTC).plusDays(11);
        postRaw(fill("out-of-office.eml", AWAY, first.get(AWAY).getMessageID(), back), mailbox);
        String html = html(first.get(CLICKER));
        given().get(link(html, "/t/o/")).then().statusCode(200).contentType("image/gif");
        given().config(RestAssured.config()
                        .redirect(RedirectConfig.redirectConfig().followRedirects(false)))
                .get(link(html, "/t/c/"))
                .then()
                .statusCode(302)
                .header("Location", TARGET);
        String unsubscribe = first.get(LEAVER).getHeader("List-Unsubscribe")[0].replaceAll("[<>]", "");
        given().contentType("application/x-www-form-urlencoded")
                .formParam("List-Unsubscribe", "One-Click")
                .post(unsubscribe)
                .then()
                .statusCode(200);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(statuses())
                .containsEntry(REPLIER, "replied")
                .containsEntry(BOUNCER, "bounced")
                .containsEntry(LEAVER, "unsubscribed"));
        await().atMost(Duration.ofMinutes(4)).until(() -> smtp.getReceivedMessages().length >= 7);
        Thread.sleep(15_000);

        assertThat(recipients(smtp.getReceivedMessages()))
                .as("only the lead who did nothing got the follow-up; no_click skipped the clicker")
                .containsExactlyInAnyOrder(REPLIER, BOUNCER, AWAY, CLICKER, LEAVER, QUIET, QUIET);
        assertThat(statuses())
                .containsEntry(AWAY, "active")
                .containsEntry(CLICKER, "completed")
                .containsEntry(QUIET, "completed");
        assertThat(pausedUntil(AWAY)).isEqualTo(back + " 00:00:00+00");
        assertThat(suppressions()).containsEntry(BOUNCER, "hard_bounce").containsEntry(LEAVER, "unsubscribed");

        // ingest-service also counts each of the three inbound messages (reply, DSN, out-of-office) as "received".
        List<ConsumerRecord<String, String>> analytics = analyticsRecords(15);
        Set<String> ids = new HashSet<>();
        analytics.forEach(r -> ids.add(CloudEvent.fromHeaders(r.headers()).id()));
        assertThat(ids).as("no record published twice").hasSize(analytics.size());
        Map<String, Long> counts = analytics.stream()
                .map(r -> EventJson.read(r.value(), AnalyticsEvent.class).eventType())
                .collect(Collectors.groupingBy(type -> type, Collectors.counting()));
        assertThat(counts)
                .isEqualTo(Map.of(
                        "sent", 7L,
                        "replied", 1L,
                        "bounced", 1L,
                        "opened", 1L,
                        "clicked", 1L,
                        "unsubscribed", 1L,
                        "received", 3L));
    }

    private static String createMailbox(int port) {
        Map<String, Object> server = new HashMap<>();
        server.put("host", "127.0.0.1");
        server.put("port", port);
        server.put("security", "none");
        server.put("username", "sam@acme.example");
        server.put("password", "smtp-secret");
        return given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body(Map.of("email", "sam@acme.example", "from_name", "Sam Carter", "daily_limit", 50, "smtp", server))
                .post(campaign("/v1/email-accounts"))
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static String importLeads() {
        String csv = "email,first_name\n" + REPLIER + ",Maria\n" + BOUNCER + ",Nobody\n" + AWAY + ",Julia\n" + CLICKER
                + ",Ada\n" + LEAVER + ",Bo\n" + QUIET + ",Ken\n";
        String importId = given().auth()
                .oauth2(token)
                .contentType("text/csv")
                .body(csv)
                .post(campaign("/v1/leads/import?list=engagement"))
                .then()
                .statusCode(202)
                .extract()
                .path("import_id");
        await().atMost(Duration.ofSeconds(60)).until(() -> "completed"
                .equals(given().auth()
                        .oauth2(token)
                        .get(campaign("/v1/leads/imports/" + importId))
                        .then()
                        .extract()
                        .path("status")));
        return "engagement";
    }

    private static void startCampaign(String mailbox, String list) {
        String first = template(
                "First touch",
                "Quick question, {{first_name}}",
                "<p>Hi {{first_name}}, have a look at <a href=\"" + TARGET + "\">our pricing</a>.</p>");
        String followUp =
                template("Follow-up", "Following up, {{first_name}}", "<p>Hi {{first_name}}, any thoughts?</p>");
        Map<String, Object> body = Map.of(
                "name", "Engagement loop",
                "email_account_ids", List.of(mailbox),
                "timezone", "UTC",
                "sending_window", Map.of("days", List.of(1, 2, 3, 4, 5, 6, 7), "start", "00:00", "end", "23:59"),
                "tracking", Map.of("opens", true, "clicks", true),
                "spacing", Map.of("min_seconds", 0, "max_seconds", 0),
                "steps",
                        List.of(
                                Map.of("type", "email", "template_id", first),
                                Map.of("type", "wait", "minutes", 2),
                                Map.of("type", "condition", "condition", "no_click"),
                                Map.of("type", "email", "template_id", followUp)));
        String id = given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body(body)
                .post(campaign("/v1/campaigns"))
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body(Map.of("list", list))
                .post(campaign("/v1/campaigns/" + id + "/enroll"))
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(token)
                .post(campaign("/v1/campaigns/" + id + "/start"))
                .then()
                .statusCode(200);
    }

    private static String template(String name, String subject, String html) {
        return given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body(Map.of("name", name, "subject", subject, "html", html, "text", "Hi {{first_name}}"))
                .post(campaign("/v1/templates"))
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static void postRaw(byte[] raw, String mailbox) {
        given().auth()
                .oauth2(token)
                .contentType("message/rfc822")
                .body(raw)
                .post(suite.url("ingest-service") + "/v1/inbound/raw?email_account_id=" + mailbox)
                .then()
                .statusCode(202);
    }

    /** A sample of {@code src/test/resources/mail/engagement} addressed to the lead and answering its Message-ID. */
    private static byte[] fill(String sample, String lead, String messageId) throws IOException {
        return fill(sample, lead, messageId, null);
    }

    /** {@link #fill(String, String, String)}, sent now and stating {@code returnDate} as "until 24 December". */
    private static byte[] fill(String sample, String lead, String messageId, LocalDate returnDate) throws IOException {
        try (InputStream in =
                EngagementLoopIT.class.getClassLoader().getResourceAsStream("mail/engagement/" + sample)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.replace("${RECIPIENT}", lead)
                    .replace("${FROM}", lead)
                    .replace("${MESSAGE_ID}", messageId)
                    .replace("${DATE}", RFC_5322.format(ZonedDateTime.now(ZoneOffset.UTC)))
                    .replace("${RETURN}", returnDate == null ? "" : RETURN_DAY.format(returnDate))
                    .replace("\r\n", "\n")
                    .replace("\n", "\r\n")
                    .getBytes(StandardCharsets.UTF_8);
        }
    }

    private static Map<String, MimeMessage> byRecipient(MimeMessage[] messages) throws Exception {
        Map<String, MimeMessage> out = new HashMap<>();
        for (MimeMessage message : messages) {
            out.put(
                    message.getRecipients(Message.RecipientType.TO)[0]
                            .toString()
                            .replaceAll(".*<|>.*", ""),
                    message);
        }
        return out;
    }

    private static List<String> recipients(MimeMessage[] messages) throws Exception {
        List<String> out = new ArrayList<>();
        for (MimeMessage message : messages) {
            out.add(message.getRecipients(Message.RecipientType.TO)[0]
                    .toString()
                    .replaceAll(".*<|>.*", ""));
        }
        return out;
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

    private static String link(String html, String path) {
        Matcher matcher = Pattern.compile("https?://[^\"]+" + Pattern.quote(path) + "[A-Za-z0-9_-]+")
                .matcher(html);
        assertThat(matcher.find()).as("a %s link in %s", path, html).isTrue();
        URI uri = URI.create(matcher.group());
        return suite.url("campaign-service") + uri.getPath();
    }

    private static Map<String, String> statuses() throws Exception {
        return pairs("SELECT l.email, e.status FROM campaign_enrollments e JOIN leads l ON l.id = e.lead_id"
                + " WHERE e.tenant_id = ?::uuid");
    }

    private static Map<String, String> suppressions() throws Exception {
        return pairs("SELECT email, reason FROM suppressions WHERE tenant_id = ?::uuid");
    }

    private static String pausedUntil(String email) throws Exception {
        return pairs("SELECT l.email, to_char(e.paused_until AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') || '+00'"
                        + " FROM campaign_enrollments e JOIN leads l ON l.id = e.lead_id WHERE e.tenant_id = ?::uuid")
                .get(email);
    }

    private static Map<String, String> pairs(String sql) throws Exception {
        Map<String, String> out = new HashMap<>();
        try (Connection c = DriverManager.getConnection(Suite.database("campaign-service"), "postgres", "");
                PreparedStatement select = c.prepareStatement(sql)) {
            select.setString(1, tenantId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return out;
    }

    /** The tenant's records on analytics.events, read until {@code expected} arrived and then for 5 s more. */
    private static List<ConsumerRecord<String, String>> analyticsRecords(int expected) {
        Properties props = new Properties();
        props.put("bootstrap.servers", suite.broker.bootstrapServers());
        props.put("group.id", "engagement-it-" + UUID.randomUUID());
        props.put("auto.offset.reset", "earliest");
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.ANALYTICS_EVENTS));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                poll(consumer, found);
                return found.size() >= expected;
            });
            long quietUntil = System.currentTimeMillis() + 5_000;
            while (System.currentTimeMillis() < quietUntil) {
                poll(consumer, found);
            }
        }
        return found;
    }

    private static void poll(KafkaConsumer<String, String> consumer, List<ConsumerRecord<String, String>> found) {
        consumer.poll(Duration.ofMillis(300)).forEach(record -> {
            if (tenantId.equals(record.key())) {
                found.add(record);
            }
        });
    }

    private static String campaign(String path) {
        return suite.url("campaign-service") + path;
    }
}
