package io.penguinmails.content.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.penguinmails.content.ContentTestResource;
import io.penguinmails.content.GreenMailResource;
import io.penguinmails.content.SmtpServer;
import io.penguinmails.content.repository.TenantScope;
import io.penguinmails.content.repository.TransactionalEmailRepository;
import io.penguinmails.infra.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(
        value = ContentTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "penguin_content_test"))
@QuarkusTestResource(GreenMailResource.class)
class TransactionalEmailTest {

    private static final String PATH = "/v1/transactional-emails";

    @GreenMailResource.InjectSmtp
    SmtpServer smtp;

    @Inject
    TransactionalMailSender sender;

    @Inject
    DataSource dataSource;

    @Inject
    TenantScope scope;

    @Inject
    TransactionalEmailRepository emails;

    @Inject
    TransactionalRetentionService retention;

    @Test
    void queuedMailArrivesAtTheSmtpServerWithItsHeadersAndBothParts() throws Exception {
        String token = TestTokens.forTenant(UUID.randomUUID().toString());
        Map<String, Object> request = Map.of(
                "to", List.of("ada@example.org"),
                "cc", "grace@example.org",
                "subject", "Réinitialisez votre mot de passe",
                "text", "Your code is 424242.",
                "html", "<p>Your code is <b>424242</b>.</p>",
                "reply_to", "support@acme.example");
        JsonPath queued = given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(request)
                .post(PATH)
                .then()
                .statusCode(202)
                .body("status", equalTo("queued"))
                .header("Location", containsString(PATH + "/"))
                .extract()
                .jsonPath();
        String id = queued.getString("id");

        awaitSent(token, id);

        JsonPath sent = get(token, id).then().statusCode(200).extract().jsonPath();
        assertThat(sent.getInt("attempts")).isPositive();
        assertThat(sent.getString("sent")).isNotNull();
        assertThat(sent.getString("html")).isEqualTo("<p>Your code is <b>424242</b>.</p>");
        String messageId = sent.getString("message_id");
        assertThat(messageId).startsWith("<" + id + "@penguinmails.local>");

        List<MimeMessage> copies = smtp.withMessageId(messageId);
        assertThat(copies).as("one copy per recipient").hasSize(2);
        MimeMessage mail = copies.get(0);
        assertThat(mail.getSubject()).isEqualTo("Réinitialisez votre mot de passe");
        assertThat(((InternetAddress) mail.getFrom()[0]).getAddress()).isEqualTo("no-reply@penguinmails.local");
        assertThat(((InternetAddress) mail.getRecipients(MimeMessage.RecipientType.TO)[0]).getAddress())
                .isEqualTo("ada@example.org");
        assertThat(((InternetAddress) mail.getRecipients(MimeMessage.RecipientType.CC)[0]).getAddress())
                .isEqualTo("grace@example.org");
        assertThat(((InternetAddress) mail.getReplyTo()[0]).getAddress()).isEqualTo("support@acme.example");
        Multipart alternative = (Multipart) mail.getContent();
        assertThat(alternative.getContentType()).startsWith("multipart/alternative");
        assertThat(alternative.getCount()).isEqualTo(2);
        assertThat(part(alternative, "text/plain").getContent().toString()).contains("Your code is 424242.");
        assertThat(part(alternative, "text/html").getContent().toString()).contains("<b>424242</b>");
    }

    @Test
    void theSameIdempotencyKeyNamesTheSameEmailAndIsSentOnce() {
        String tenant = UUID.randomUUID().toString();
        String token = TestTokens.forTenant(tenant);
        String key = "welcome-" + UUID.randomUUID();
        Map<String, Object> request =
                Map.of("to", "bo@example.org", "subject", "Welcome", "text", "Hi Bo", "idempotency_key", key);
        String first = queue(token, request).then().statusCode(202).extract().path("id");
        String second = queue(token, request).then().statusCode(202).extract().path("id");
        assertThat(second).isEqualTo(first);

        Map<String, Object> different =
                Map.of("to", "bo@example.org", "subject", "Welcome!", "text", "Hi Bo", "idempotency_key", key);
        queue(token, different)
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("idempotency_key"));
        // Another tenant's key space is its own.
        String other = queue(TestTokens.forTenant(UUID.randomUUID().toString()), request)
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        assertThat(other).isNotEqualTo(first);

        awaitSent(token, first);
        assertThat(smtp.withMessageId(get(token, first).path("message_id"))).hasSize(1);
        queue(token, request).then().statusCode(202).body("id", equalTo(first)).body("status", equalTo("sent"));
        assertThat(count("SELECT count(*) FROM transactional_emails WHERE tenant_id = ?::uuid", tenant))
                .isEqualTo(1);
    }

    @Test
    void invalidRequestsAreProblems() {
        String token = TestTokens.forTenant(UUID.randomUUID().toString());
        assertUnprocessable(token, Map.of("subject", "s", "text", "t"), "to must name");
        assertUnprocessable(token, Map.of("to", "not-an-address", "subject", "s", "text", "t"), "invalid address");
        assertUnprocessable(
                token, Map.of("to", "a@example.org", "subject", "s\r\nBcc: x@evil.example", "text", "t"), "one line");
        assertUnprocessable(token, Map.of("to", "a@example.org", "subject", "s"), "text or html");
        assertUnprocessable(
                token,
                Map.of("to", "a@example.org", "subject", "s", "text", "t", "reply_to", "x@@y"),
                "reply_to has an invalid address");
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body("{\"to\": ")
                .post(PATH)
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        queue(token, Map.of("to", Map.of("address", "a@example.org"), "subject", "s", "text", "t"))
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("to"));
        given().contentType(ContentType.JSON)
                .body(Map.of("to", "a@example.org", "subject", "s", "text", "t"))
                .post(PATH)
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        given().auth().oauth2(token).get(PATH + "?status=lost").then().statusCode(400);
        given().auth().oauth2(token).get(PATH + "?limit=0").then().statusCode(400);
    }

    @Test
    void aTransientFailureIsRetriedWithBackoffUntilTheServerIsBack() {
        String token = TestTokens.forTenant(UUID.randomUUID().toString());
        smtp.stop();
        String id;
        try {
            id = queue(token, Map.of("to", "cy@example.org", "subject", "Retry", "text", "again"))
                    .then()
                    .statusCode(202)
                    .extract()
                    .path("id");
            sender.sendDue();
            JsonPath after = get(token, id).then().extract().jsonPath();
            assertThat(after.getString("status")).isEqualTo("queued");
            assertThat(after.getInt("attempts")).isEqualTo(1);
            assertThat(after.getString("last_error")).startsWith("attempt 1 of 3:");
            // The first backoff (0.2 s in tests) lies between the failure and the next attempt.
            assertThat(Duration.between(
                            Instant.parse(after.getString("queued")),
                            Instant.parse(after.getString("next_attempt_at"))))
                    .isGreaterThanOrEqualTo(Duration.ofMillis(200));
        } finally {
            smtp.start();
        }
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    sender.sendDue();
                    return "sent".equals(get(token, id).path("status"));
                });
        JsonPath sent = get(token, id).then().extract().jsonPath();
        assertThat(sent.getInt("attempts")).isEqualTo(2);
        assertThat(smtp.withMessageId(sent.getString("message_id"))).hasSize(1);
    }

    @Test
    void aTransientFailureOnEveryAttemptEndsFailedAfterMaxAttempts() {
        String token = TestTokens.forTenant(UUID.randomUUID().toString());
        smtp.stop();
        try {
            String id = queue(token, Map.of("to", "di@example.org", "subject", "Never", "text", "down"))
                    .then()
                    .extract()
                    .path("id");
            await().atMost(Duration.ofSeconds(15))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        sender.sendDue();
                        return "failed".equals(get(token, id).path("status"));
                    });
            JsonPath failed = get(token, id).then().extract().jsonPath();
            assertThat(failed.getInt("attempts")).isEqualTo(3);
            assertThat(failed.getString("last_error")).startsWith("attempt 3 of 3:");
            assertThat(failed.getString("failed")).isNotNull();
        } finally {
            smtp.start();
        }
    }

    @Test
    void aPermanentRejectionFailsAtOnce() throws Exception {
        String token = TestTokens.forTenant(UUID.randomUUID().toString());
        String id;
        try (SmtpServer.Rejecting rejecting = smtp.rejectRecipients()) {
            id = queue(token, Map.of("to", "gone@example.org", "subject", "Bounce", "text", "no"))
                    .then()
                    .extract()
                    .path("id");
            sender.sendDue();
        }
        JsonPath failed = get(token, id).then().extract().jsonPath();
        assertThat(failed.getString("status")).isEqualTo("failed");
        assertThat(failed.getInt("attempts")).isEqualTo(1);
        assertThat(failed.getString("last_error")).contains("550");
    }

    @Test
    void aClaimWhoseSenderStoppedIsSentAgainOnceThenNeverSilently() {
        String token = TestTokens.forTenant(UUID.randomUUID().toString());
        String resend = queue(token, Map.of("to", "ed@example.org", "subject", "Crash", "text", "1"))
                .then()
                .extract()
                .path("id");
        String giveUp = queue(token, Map.of("to", "fay@example.org", "subject", "Crash twice", "text", "2"))
                .then()
                .extract()
                .path("id");
        // What a sender that died after SMTP accepted, before recording it, leaves behind.
        execute(
                "UPDATE transactional_emails SET status = 'sending', attempts = 1,"
                        + " claimed_at = now() - interval '1 hour' WHERE id = ?::uuid",
                resend);
        execute(
                "UPDATE transactional_emails SET status = 'sending', attempts = 2, unknown_outcomes = 1,"
                        + " claimed_at = now() - interval '1 hour' WHERE id = ?::uuid",
                giveUp);

        assertThat(sender.sendDue().settled()).isGreaterThanOrEqualTo(2);

        JsonPath resent = get(token, resend).then().extract().jsonPath();
        assertThat(resent.getString("status")).isEqualTo("sent");
        assertThat(resent.getInt("attempts")).isEqualTo(2);
        assertThat(resent.getString("last_error")).contains("outcome unknown").contains("same Message-ID");
        JsonPath failed = get(token, giveUp).then().extract().jsonPath();
        assertThat(failed.getString("status")).isEqualTo("failed");
        assertThat(failed.getString("last_error")).contains("outcome unknown").contains("not sent again");
        assertThat(smtp.withMessageId(failed.getString("message_id"))).isEmpty();
    }

    @Test
    void anotherTenantsEmailIsNotFoundAndNotListed() {
        String token = TestTokens.forTenant(UUID.randomUUID().toString());
        String otherToken = TestTokens.forTenant(UUID.randomUUID().toString());
        String id = queue(token, Map.of("to", "gil@example.org", "subject", "Mine", "text", "t"))
                .then()
                .extract()
                .path("id");
        get(otherToken, id)
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
        given().auth().oauth2(otherToken).get(PATH).then().statusCode(200).body("items.id", equalTo(List.of()));
        given().auth().oauth2(token).get(PATH + "/not-a-uuid").then().statusCode(404);
        awaitSent(token, id);
        given().auth()
                .oauth2(token)
                .get(PATH + "?status=sent")
                .then()
                .statusCode(200)
                .body("items.id", equalTo(List.of(id)))
                .body("items[0].text", equalTo(null));
        given().auth().oauth2(token).get(PATH + "?status=failed").then().body("items.id", equalTo(List.of()));
    }

    @Test
    void rowLevelSecurityHidesAnotherTenantsRowsEvenFromAQueryWithoutTenantFilter() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        String tokenOfB = TestTokens.forTenant(b.toString());
        String emailOfB = queue(tokenOfB, Map.of("to", "ivy@example.org", "subject", "B's", "text", "t"))
                .then()
                .extract()
                .path("id");
        String notificationOfB = given().auth()
                .oauth2(tokenOfB)
                .contentType(ContentType.JSON)
                .body(Map.of("kind", "k", "title", "B's"))
                .post("/v1/notifications")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String emailById = "SELECT count(*) FROM transactional_emails WHERE id = ?::uuid";
        String notificationById = "SELECT count(*) FROM notifications WHERE id = ?::uuid";
        assertThat(scope.call(b, () -> count(emailById, emailOfB))).isEqualTo(1);
        assertThat(scope.call(a, () -> count(emailById, emailOfB))).isZero();
        assertThat(scope.call(b, () -> count(notificationById, notificationOfB)))
                .isEqualTo(1);
        assertThat(scope.call(a, () -> count(notificationById, notificationOfB)))
                .isZero();
        assertThat(scope.call(
                        a, () -> update("UPDATE notifications SET is_read = true WHERE id = ?::uuid", notificationOfB)))
                .isZero();
        assertThat(scope.asSystem("test", () -> count(emailById, emailOfB))).isEqualTo(1);
        sender.sendDue();
    }

    @Test
    void listingPagesNewestFirstWithoutRepeats() {
        String token = TestTokens.forTenant(UUID.randomUUID().toString());
        for (int i = 0; i < 3; i++) {
            queue(token, Map.of("to", "hal@example.org", "subject", "n" + i, "text", "t"))
                    .then()
                    .statusCode(202);
        }
        JsonPath first = given().auth()
                .oauth2(token)
                .get(PATH + "?limit=2")
                .then()
                .extract()
                .jsonPath();
        assertThat(first.getList("items.subject")).containsExactly("n2", "n1");
        JsonPath second = given().auth()
                .oauth2(token)
                .queryParam("limit", 2)
                .queryParam("cursor", first.getString("next_cursor"))
                .get(PATH)
                .then()
                .extract()
                .jsonPath();
        assertThat(second.getList("items.subject")).containsExactly("n0");
        assertThat(second.getString("next_cursor")).isNull();
        sender.sendDue();
    }

    @Test
    void thePurgeDeletesEveryTenantsLongFinishedEmailsAndNothingElse() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        Map<UUID, List<String>> purged = new HashMap<>();
        Map<UUID, List<String>> kept = new HashMap<>();
        for (UUID tenant : List.of(a, b)) {
            String token = TestTokens.forTenant(tenant.toString());
            purged.put(tenant, List.of(aged(token, "sent", 91), aged(token, "failed", 120)));
            kept.put(
                    tenant,
                    List.of(
                            aged(token, "sent", 89),
                            aged(token, "failed", 1),
                            aged(token, "queued", 400),
                            aged(token, "sending", 400)));
        }
        String byId = "SELECT count(*) FROM transactional_emails WHERE id = ?::uuid";
        // The purge's statement obeys row-level security: in a tenant's scope it reaches that tenant's rows only.
        assertThat(scope.call(a, () -> emails.deleteFinished(90, 500))).isEqualTo(2);
        purged.get(b).forEach(id -> assertThat(count(byId, id))
                .as("B's rows are out of A's reach")
                .isEqualTo(1));

        assertThat(retention.purge()).isGreaterThanOrEqualTo(2);
        for (UUID tenant : List.of(a, b)) {
            String token = TestTokens.forTenant(tenant.toString());
            purged.get(tenant).forEach(id -> get(token, id).then().statusCode(404));
            kept.get(tenant).forEach(id -> get(token, id).then().statusCode(200));
        }
    }

    /** A new email of the tenant, put in a status it reached {@code days} days ago. */
    private String aged(String token, String status, int days) {
        String id = queue(token, Map.of("to", "kit@example.org", "subject", status + " " + days, "text", "t"))
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        // Due in the future and freshly claimed, so that no other test's sender run touches the row.
        execute(
                "UPDATE transactional_emails SET status = '" + status + "', updated = now() - interval '" + days
                        + " days', next_attempt_at = now() + interval '1 day', claimed_at = now() WHERE id = ?::uuid",
                id);
        return id;
    }

    /** Runs the sender until the email is sent: on a loaded machine one run may time out and leave it queued. */
    private void awaitSent(String token, String id) {
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    sender.sendDue();
                    return "sent".equals(get(token, id).path("status"));
                });
    }

    private io.restassured.response.Response queue(String token, Object body) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(body)
                .post(PATH);
    }

    private static io.restassured.response.Response get(String token, String id) {
        return given().auth().oauth2(token).get(PATH + "/" + id);
    }

    private void assertUnprocessable(String token, Object body, String detail) {
        queue(token, body)
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("status", equalTo(422))
                .body("detail", containsString(detail));
    }

    private static Part part(Multipart multipart, String type) throws Exception {
        for (int i = 0; i < multipart.getCount(); i++) {
            if (multipart.getBodyPart(i).isMimeType(type)) {
                return multipart.getBodyPart(i);
            }
        }
        throw new AssertionError("no " + type + " part");
    }

    private long count(String sql, String param) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void execute(String sql, String param) {
        assertThat(update(sql, param)).isEqualTo(1);
    }

    private int update(String sql, String param) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, param);
            return ps.executeUpdate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
