package io.penguinmails.ingest.imap;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.penguinmails.contracts.MailboxChangeEvent;
import io.penguinmails.contracts.MailboxCredentials;
import io.penguinmails.infra.TestTokens;
import io.penguinmails.ingest.IngestTestResource;
import io.penguinmails.ingest.TestMail;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** IMAP polling against a real IMAP server (GreenMail), driven by real {@code mailbox.changes} records. */
@QuarkusTest
@QuarkusTestResource(
        value = IngestTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "penguin_queue_test"))
class ImapPollingTest {

    private static final String PASSWORD = "imap-secret";
    private static final Duration QUIET = Duration.ofSeconds(2);

    private static GreenMail greenMail;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "penguin.ingest.mailbox-key")
    String mailboxKey;

    @Inject
    DataSource dataSource;

    @BeforeAll
    static void startImapServer() {
        greenMail = new GreenMail(ServerSetupTest.IMAP.dynamicPort());
        greenMail.start();
    }

    @AfterAll
    static void stopImapServer() {
        greenMail.stop();
    }

    @Test
    void fetchesEveryMessageOnceAndLaterOnlyTheNewOnes() {
        Account account = new Account();
        account.deliver(TestMail.bytes("two-attachments.eml"));
        account.deliver(TestMail.bytes("postfix-dsn-userunknown.eml"));
        account.deliver(TestMail.bytes("exchange-out-of-office.eml"));
        account.publish("created", "active", PASSWORD);

        awaitJobs(account, 3);
        assertThat(jobTypes(account)).containsExactlyInAnyOrder("email", "bounce", "auto_reply");
        JsonPath mailbox = mailbox(account);
        assertThat(mailbox.getString("poll_state")).isEqualTo("ok");
        assertThat(mailbox.getLong("cursor.last_uid")).isEqualTo(3);
        assertThat(mailbox.getInt("cursor.messages_fetched")).isEqualTo(3);
        assertThat(mailbox.getString("imap.username")).isEqualTo(account.login);
        assertThat(mailbox.prettify()).doesNotContain("password").doesNotContain(PASSWORD);

        account.deliver(TestMail.bytes("arf-complaint.eml"));
        account.deliver(resource("maildir/cur/1772792740.M77P3321.mail1.acme-outreach.example:2,RS"));
        awaitJobs(account, 5);
        // Settings re-sent unchanged keep the cursor: polling goes on from UID 5, it does not start over.
        account.publish("updated", "active", PASSWORD);
        await().during(QUIET).atMost(QUIET.plusSeconds(5)).until(() -> fetched(account) == 5);
        assertThat(mailbox(account).getLong("cursor.last_uid")).isEqualTo(5);
        assertThat(jobTypes(account)).hasSize(5);
    }

    @Test
    void aNewUidValidityStartsTheCursorOverWithoutDuplicatingJobs() throws SQLException {
        Account account = new Account();
        account.deliver(TestMail.bytes("two-attachments.eml"));
        account.deliver(TestMail.bytes("arf-complaint.eml"));
        account.publish("created", "active", PASSWORD);
        awaitJobs(account, 2);
        long serverValidity = mailbox(account).getLong("cursor.uid_validity");

        // As if the folder had been recreated: the stored UIDs no longer name the server's messages.
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "UPDATE mailbox_cursors SET uid_validity = uid_validity + 1 WHERE email_account_id = ?")) {
            ps.setString(1, account.id);
            ps.executeUpdate();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> fetched(account) == 4);
        JsonPath mailbox = mailbox(account);
        assertThat(mailbox.getLong("cursor.uid_validity")).isEqualTo(serverValidity);
        assertThat(mailbox.getLong("cursor.last_uid")).isEqualTo(2);
        assertThat(jobTypes(account)).hasSize(2);
    }

    @Test
    void wrongPasswordPutsTheMailboxInErrorUntilTheSettingsAreFixed() {
        Account account = new Account();
        account.deliver(TestMail.bytes("two-attachments.eml"));
        account.publish("created", "active", "not-the-password");

        await().atMost(Duration.ofSeconds(30)).until(() -> found(account)
                .map(m -> m.getInt("consecutive_failures") >= 2)
                .orElse(false));
        JsonPath failing = mailbox(account);
        assertThat(failing.getString("poll_state")).isEqualTo("error");
        assertThat(failing.getString("last_error")).startsWith("login refused by the server");
        assertThat(failing.getString("last_error_at")).isNotNull();
        assertThat(Instant.parse(failing.getString("next_attempt_at")))
                .isAfter(Instant.parse(failing.getString("last_error_at")));
        assertThat(jobTypes(account)).isEmpty();

        account.publish("updated", "active", PASSWORD);
        awaitJobs(account, 1);
        JsonPath fixed = mailbox(account);
        assertThat(fixed.getString("poll_state")).isEqualTo("ok");
        assertThat(fixed.getInt("consecutive_failures")).isZero();
    }

    @Test
    void pausedOrDeletedMailboxesAreNotPolled() {
        Account account = new Account();
        account.deliver(TestMail.bytes("two-attachments.eml"));
        account.publish("created", "active", PASSWORD);
        awaitJobs(account, 1);

        account.publish("paused", "paused", PASSWORD);
        await().atMost(Duration.ofSeconds(30)).until(() -> found(account)
                .map(m -> "paused".equals(m.getString("poll_state")))
                .orElse(false));
        account.deliver(TestMail.bytes("arf-complaint.eml"));
        await().during(QUIET)
                .atMost(QUIET.plusSeconds(5))
                .until(() -> jobTypes(account).size() == 1);

        account.publish("updated", "active", PASSWORD);
        awaitJobs(account, 2);

        account.publish("deleted", null, null);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> mailboxResponse(account.tenant, account.id).statusCode() == 404);
        account.deliver(TestMail.bytes("exchange-out-of-office.eml"));
        await().during(QUIET)
                .atMost(QUIET.plusSeconds(5))
                .until(() -> jobTypes(account).size() == 2);
    }

    @Test
    void anotherTenantCannotSeeTheMailbox() {
        Account account = new Account();
        account.publish("created", "active", PASSWORD);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> mailboxResponse(account.tenant, account.id).statusCode() == 200);
        given().auth()
                .oauth2(TestTokens.forTenant(account.tenant))
                .get("/v1/mailboxes")
                .then()
                .statusCode(200)
                .body("mailboxes.size()", equalTo(1))
                .body("mailboxes[0].email_account_id", equalTo(account.id));

        String other = UUID.randomUUID().toString();
        given().auth()
                .oauth2(TestTokens.forTenant(other))
                .get("/v1/mailboxes/" + account.id)
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("detail", not(nullValue()));
        given().auth()
                .oauth2(TestTokens.forTenant(other))
                .get("/v1/mailboxes")
                .then()
                .statusCode(200)
                .body("mailboxes.size()", equalTo(0));
        given().get("/v1/mailboxes").then().statusCode(401);
    }

    private void awaitJobs(Account account, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> jobTypes(account).size() >= count);
        assertThat(jobTypes(account)).hasSize(count);
    }

    private static List<String> jobTypes(Account account) {
        return given().auth()
                .oauth2(TestTokens.forTenant(account.tenant))
                .get("/v1/jobs")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("jobs.message_type", String.class);
    }

    private static long fetched(Account account) {
        return mailbox(account).getLong("cursor.messages_fetched");
    }

    /** The mailbox, or empty while the change creating it is not consumed yet. */
    private static Optional<JsonPath> found(Account account) {
        Response response = mailboxResponse(account.tenant, account.id);
        return response.statusCode() == 200 ? Optional.of(response.jsonPath()) : Optional.empty();
    }

    private static JsonPath mailbox(Account account) {
        return mailboxResponse(account.tenant, account.id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static Response mailboxResponse(String tenant, String id) {
        return given().auth().oauth2(TestTokens.forTenant(tenant)).get("/v1/mailboxes/" + id);
    }

    private static byte[] resource(String name) {
        try (InputStream in = ImapPollingTest.class.getClassLoader().getResourceAsStream(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A tenant's mailbox on the GreenMail server, with its own login. */
    private final class Account {
        final String tenant = UUID.randomUUID().toString();
        final String id = "acct-" + UUID.randomUUID();
        final String login = "sdr-" + id;
        final GreenMailUser user = greenMail.setUser(login + "@acme-outreach.example", login, PASSWORD);

        void deliver(byte[] raw) {
            try {
                user.deliver(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw)));
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }

        void publish(String change, String status, String password) {
            MailboxChangeEvent.Imap imap = password == null
                    ? null
                    : new MailboxChangeEvent.Imap(
                            greenMail.getImap().getBindTo(),
                            greenMail.getImap().getPort(),
                            "none",
                            login,
                            new MailboxCredentials(mailboxKey).encrypt(password));
            MailboxChanges.publish(bootstrap, MailboxChanges.change(change, tenant, id, status, imap, Instant.now()));
        }
    }
}
