package io.penguinmails.campaign.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.penguinmails.campaign.KeyDirResource;
import io.penguinmails.campaign.TestApi;
import io.penguinmails.campaign.config.MailboxKeyConfig;
import io.penguinmails.contracts.CloudEvent;
import io.penguinmails.contracts.EventJson;
import io.penguinmails.contracts.EventSchemas;
import io.penguinmails.contracts.MailboxChangeEvent;
import io.penguinmails.contracts.MailboxCredentials;
import io.penguinmails.contracts.Topics;
import io.penguinmails.infra.PenguinTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(
        value = PenguinTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "penguin_oltp_test"))
@QuarkusTestResource(KeyDirResource.class)
class EmailAccountResourceTest {

    @Inject
    DataSource dataSource;

    @Test
    void createdMailboxNeverShowsPasswordsAndStoresThemEncrypted() throws Exception {
        String token = TestApi.issueToken(TestApi.createTenant("Mailboxes"));
        String id = create(token, mailbox("sales@acme.example", "smtp-secret", "imap-secret"));

        String json = given().auth()
                .oauth2(token)
                .get("/v1/email-accounts/{id}", id)
                .then()
                .statusCode(200)
                .body("email", equalTo("sales@acme.example"))
                .body("from_name", equalTo("Sales"))
                .body("daily_limit", equalTo(40))
                .body("status", equalTo("active"))
                .body("smtp.host", equalTo("smtp.acme.example"))
                .body("smtp.security", equalTo("starttls"))
                .body("smtp.has_password", equalTo(true))
                .body("imap.has_password", equalTo(true))
                .extract()
                .asString();
        assertThat(json)
                .doesNotContain("smtp-secret")
                .doesNotContain("imap-secret")
                .doesNotContain("v1:");
        String list = given().auth()
                .oauth2(token)
                .get("/v1/email-accounts")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(list).contains(id).doesNotContain("secret");

        String[] stored = storedPasswords(id);
        MailboxCredentials credentials = new MailboxCredentials(MailboxKeyConfig.DEV_KEY);
        assertThat(stored[0]).startsWith("v1:");
        assertThat(credentials.decrypt(stored[0])).isEqualTo("smtp-secret");
        assertThat(credentials.decrypt(stored[1])).isEqualTo("imap-secret");
    }

    @Test
    void everyChangeArrivesOnMailboxChangesWithAPasswordIngestCanDecrypt() {
        String tenantId = TestApi.createTenant("Changes");
        String token = TestApi.issueToken(tenantId);
        String id = create(token, mailbox("ops@acme.example", "smtp-pw", "imap-pw"));
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("daily_limit", 80, "imap", Map.of("password", "imap-pw-2")))
                .patch("/v1/email-accounts/{id}", id)
                .then()
                .statusCode(200)
                .body("daily_limit", equalTo(80))
                .body("imap.host", equalTo("imap.acme.example"));
        given().auth()
                .oauth2(token)
                .post("/v1/email-accounts/{id}/pause", id)
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(token)
                .post("/v1/email-accounts/{id}/resume", id)
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(token)
                .delete("/v1/email-accounts/{id}", id)
                .then()
                .statusCode(204);

        List<ConsumerRecord<String, String>> records = recordsKeyed(id, 5);

        assertThat(records)
                .extracting(
                        r -> EventJson.read(r.value(), MailboxChangeEvent.class).change())
                .containsExactly("created", "updated", "paused", "updated", "deleted");
        assertThat(records)
                .extracting(
                        r -> EventJson.read(r.value(), MailboxChangeEvent.class).status())
                .containsExactly("active", "active", "paused", "active", "deleted");
        MailboxCredentials ingestSide = new MailboxCredentials(MailboxKeyConfig.DEV_KEY);
        for (ConsumerRecord<String, String> record : records) {
            assertThat(EventSchemas.violations(Topics.MAILBOX_CHANGES, record.value()))
                    .isEmpty();
            assertThat(record.value()).doesNotContain("imap-pw");
            CloudEvent envelope = CloudEvent.fromHeaders(record.headers());
            assertThat(envelope.type()).isEqualTo("io.penguinmails.mailbox.changes.v1");
            assertThat(envelope.tenantId()).isEqualTo(tenantId);
            MailboxChangeEvent event = EventJson.read(record.value(), MailboxChangeEvent.class);
            assertThat(event.tenantId()).isEqualTo(tenantId);
            assertThat(event.imap().host()).isEqualTo("imap.acme.example");
            assertThat(event.imap().username()).isEqualTo("ops@acme.example");
        }
        MailboxChangeEvent created = EventJson.read(records.get(0).value(), MailboxChangeEvent.class);
        MailboxChangeEvent updated = EventJson.read(records.get(1).value(), MailboxChangeEvent.class);
        assertThat(ingestSide.decrypt(created.imap().passwordEncrypted())).isEqualTo("imap-pw");
        assertThat(ingestSide.decrypt(updated.imap().passwordEncrypted())).isEqualTo("imap-pw-2");
    }

    @Test
    void putReplacesSettingsKeepsOmittedPasswordsAndRemovesImap() throws Exception {
        String token = TestApi.issueToken(TestApi.createTenant("Replace"));
        String id = create(token, mailbox("put@acme.example", "keep-me", "imap-pw"));
        Map<String, Object> replacement = Map.of(
                "email",
                "put@acme.example",
                "smtp",
                Map.of("host", "smtp2.acme.example", "port", 465, "security", "tls", "username", "put"));

        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(replacement)
                .put("/v1/email-accounts/{id}", id)
                .then()
                .statusCode(200)
                .body("smtp.host", equalTo("smtp2.acme.example"))
                .body("smtp.has_password", equalTo(true))
                .body("daily_limit", equalTo(50))
                .body("imap", nullValue());
        assertThat(new MailboxCredentials(MailboxKeyConfig.DEV_KEY).decrypt(storedPasswords(id)[0]))
                .isEqualTo("keep-me");
    }

    @Test
    void invalidInputIsRefusedWithAProblemNamingTheField() {
        String token = TestApi.issueToken(TestApi.createTenant("Invalid"));
        Map<String, Object> smtp = Map.of("host", "smtp.acme.example", "port", 587, "security", "starttls");
        expect422(token, Map.of("email", "not an address", "smtp", smtp), "email");
        expect422(token, Map.of("email", "a@acme.example"), "smtp is required");
        expect422(
                token,
                Map.of(
                        "email",
                        "a@acme.example",
                        "smtp",
                        Map.of("host", "smtp.acme.example", "port", 0, "security", "tls")),
                "smtp.port");
        expect422(
                token,
                Map.of("email", "a@acme.example", "smtp", Map.of("host", "smtp", "port", 25, "security", "ssl")),
                "smtp.security");
        expect422(token, Map.of("email", "a@acme.example", "daily_limit", -1, "smtp", smtp), "daily_limit");
        expect422(
                token,
                Map.of(
                        "email",
                        "a@acme.example",
                        "smtp",
                        smtp,
                        "imap",
                        Map.of("host", "imap.acme.example", "port", 993)),
                "imap.security");
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body("{\"email\": ")
                .post("/v1/email-accounts")
                .then()
                .statusCode(400)
                .contentType(ProblemExceptionMapper.PROBLEM_JSON);
        create(token, mailbox("taken@acme.example", "pw", "pw"));
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(mailbox("TAKEN@acme.example", "pw", "pw"))
                .post("/v1/email-accounts")
                .then()
                .statusCode(409);
    }

    @Test
    void rampIsSetOnCreateChangedByPatchAndResetByPutWithoutIt() {
        String token = TestApi.issueToken(TestApi.createTenant("Ramp"));
        String cold = create(token, mailbox("cold@acme.example", "pw", "pw"));
        Map<String, Object> warmed = new HashMap<>(mailbox("warm@acme.example", "pw", "pw"));
        warmed.put("ramp", Map.of("start", 40, "step", 0));
        String warm = create(token, warmed);

        expectRamp(token, cold, 10, 5);
        expectRamp(token, warm, 40, 0);
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("ramp", Map.of("step", 20)))
                .patch("/v1/email-accounts/{id}", warm)
                .then()
                .statusCode(200)
                .body("ramp.start", equalTo(40))
                .body("ramp.step", equalTo(20));
        // PUT replaces every setting, so a body without a ramp puts the cold-mailbox default back.
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(mailbox("warm@acme.example", "pw", "pw"))
                .put("/v1/email-accounts/{id}", warm)
                .then()
                .statusCode(200)
                .body("ramp.start", equalTo(10))
                .body("ramp.step", equalTo(5));
    }

    @Test
    void invalidRampIsRefusedWithAProblemNamingTheField() {
        String token = TestApi.issueToken(TestApi.createTenant("Bad ramp"));
        Map<String, Object> smtp = Map.of("host", "smtp.acme.example", "port", 587, "security", "starttls");
        expect422(
                token,
                Map.of("email", "r@acme.example", "smtp", smtp, "ramp", Map.of("start", 0, "step", 5)),
                "ramp.start");
        expect422(
                token,
                Map.of("email", "r@acme.example", "smtp", smtp, "ramp", Map.of("start", 10, "step", -1)),
                "ramp.step");
        String id = create(token, mailbox("r@acme.example", "pw", "pw"));
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("ramp", Map.of("start", -3)))
                .patch("/v1/email-accounts/{id}", id)
                .then()
                .statusCode(422)
                .contentType(ProblemExceptionMapper.PROBLEM_JSON)
                .body("detail", containsString("ramp.start"));
        expectRamp(token, id, 10, 5);
    }

    @Test
    void anotherTenantGets404ForTheMailboxAndCannotChangeIt() {
        String tokenA = TestApi.issueToken(TestApi.createTenant("Mailbox A"));
        String tokenB = TestApi.issueToken(TestApi.createTenant("Mailbox B"));
        String id = create(tokenA, mailbox("private@acme.example", "pw", "pw"));

        given().auth().oauth2(tokenB).get("/v1/email-accounts/{id}", id).then().statusCode(404);
        given().auth()
                .oauth2(tokenB)
                .post("/v1/email-accounts/{id}/pause", id)
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(tokenB)
                .delete("/v1/email-accounts/{id}", id)
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(tokenB)
                .contentType(ContentType.JSON)
                .body(Map.of("from_name", "Hijack"))
                .patch("/v1/email-accounts/{id}", id)
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(tokenA)
                .get("/v1/email-accounts/{id}", id)
                .then()
                .statusCode(200)
                .body("status", equalTo("active"))
                .body("from_name", equalTo("Sales"));
        given().get("/v1/email-accounts").then().statusCode(401);
    }

    static Map<String, Object> mailbox(String email, String smtpPassword, String imapPassword) {
        return Map.of(
                "email",
                email,
                "from_name",
                "Sales",
                "daily_limit",
                40,
                "smtp",
                Map.of(
                        "host",
                        "smtp.acme.example",
                        "port",
                        587,
                        "security",
                        "starttls",
                        "username",
                        email,
                        "password",
                        smtpPassword),
                "imap",
                Map.of(
                        "host",
                        "imap.acme.example",
                        "port",
                        993,
                        "security",
                        "tls",
                        "username",
                        email,
                        "password",
                        imapPassword));
    }

    static String create(String token, Map<String, Object> body) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/v1/email-accounts")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static void expect422(String token, Map<String, Object> body, String detail) {
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/v1/email-accounts")
                .then()
                .statusCode(422)
                .contentType(ProblemExceptionMapper.PROBLEM_JSON)
                .body("detail", containsString(detail));
    }

    private static void expectRamp(String token, String id, int start, int step) {
        given().auth()
                .oauth2(token)
                .get("/v1/email-accounts/{id}", id)
                .then()
                .statusCode(200)
                .body("ramp.start", equalTo(start))
                .body("ramp.step", equalTo(step));
    }

    private String[] storedPasswords(String id) throws Exception {
        String sql = "SELECT smtp_password_encrypted, imap_password_encrypted FROM email_accounts WHERE id = ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, UUID.fromString(id));
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return new String[] {rs.getString(1), rs.getString(2)};
            }
        }
    }

    private static List<ConsumerRecord<String, String>> recordsKeyed(String key, int count) {
        Properties props = new Properties();
        props.putAll(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        PenguinTestResource.sharedBroker().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "mailbox-changes-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()));
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(Topics.MAILBOX_CHANGES));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                    if (key.equals(record.key())) {
                        found.add(record);
                    }
                });
                return found.size() >= count;
            });
        }
        return found;
    }
}
