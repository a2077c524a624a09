package io.penguinmails.campaign.service.engine;

import static io.penguinmails.campaign.service.engine.EngineFixtures.email;
import static io.penguinmails.campaign.service.engine.EngineFixtures.window;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.penguinmails.campaign.ControlledClock;
import io.penguinmails.campaign.KeyDirResource;
import io.penguinmails.campaign.SmtpSink;
import io.penguinmails.campaign.TestApi;
import io.penguinmails.contracts.EventJson;
import io.penguinmails.contracts.MailboxChangeEvent;
import io.penguinmails.contracts.Topics;
import io.penguinmails.infra.PenguinTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.mail.internet.InternetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A mailbox whose SMTP login is refused goes to status error and its leads are sent from the campaign's others. */
@QuarkusTest
@QuarkusTestResource(
        value = PenguinTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "penguin_oltp_test"))
@QuarkusTestResource(KeyDirResource.class)
class MailboxFailureTest {

    @Inject
    DataSource dataSource;

    @Inject
    SequenceEngine engine;

    @Inject
    ControlledClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aRefusedLoginErrorsTheMailboxAndItsLeadsGoOutFromAnotherUntilTheUserFixesIt() throws Exception {
        clock.set(Instant.parse("2026-12-21T09:00:00Z"));
        String tenant = TestApi.createTenant("Login refused");
        String token = TestApi.issueToken(tenant);
        EngineFixtures fx = new EngineFixtures(dataSource, tenant, token);
        EngineProbe probe = new EngineProbe(dataSource, engine);
        String domain = "m" + UUID.randomUUID().toString().substring(0, 8) + ".test";
        try (SmtpSink sink = SmtpSink.start(Set.of(), true)) {
            sink.requireAuth("sales", "right-password");
            String broken = mailbox(token, "broken@" + domain, sink.port(), "wrong-password");
            String working = mailbox(token, "working@" + domain, sink.port(), "right-password");
            UUID template = fx.template("Hi", "<p>Hello</p>", "Hello");
            for (int i = 0; i < 4; i++) {
                fx.lead("first", "lead" + i + "@" + domain, "L" + i, null);
            }
            String campaignId = campaign(fx, List.of(broken, working), template, "first");

            probe.drain();

            assertThat(sink.messages()).hasSize(4);
            for (SmtpSink.Received mail : sink.messages()) {
                assertThat(from(mail)).isEqualTo("working@" + domain);
            }
            assertThat(probe.statuses(campaignId)).containsOnly("completed").hasSize(4);
            for (int i = 0; i < 4; i++) {
                assertThat(probe.enrollment(campaignId, "lead" + i + "@" + domain)
                                .attempts())
                        .as("a mailbox failure uses up none of the lead's attempts")
                        .isZero();
            }
            given().auth()
                    .oauth2(token)
                    .get("/v1/email-accounts/{id}", broken)
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("error"))
                    .body("last_error", containsString("535 5.7.8"));
            List<String> changes = probe.outbox(Topics.MAILBOX_CHANGES, broken);
            assertThat(changes).hasSize(2);
            MailboxChangeEvent errored = EventJson.read(changes.get(1), MailboxChangeEvent.class);
            assertThat(errored.change()).isEqualTo("updated");
            assertThat(errored.status())
                    .as("announced once although two sends failed")
                    .isEqualTo("error");

            patchPassword(token, broken, "right-password");
            fx.lead("second", "later@" + domain, "Later", null);
            String onlyFixed = campaign(fx, List.of(broken), template, "second");
            probe.drain();

            assertThat(sink.messages()).hasSize(5);
            assertThat(from(sink.messages().get(4))).isEqualTo("broken@" + domain);
            assertThat(probe.statuses(onlyFixed)).containsExactly("completed");
        }
    }

    @Test
    void aLeadWhoseOnlyMailboxIsErroredWaitsInsteadOfFailing() throws Exception {
        Instant now = Instant.parse("2026-12-22T09:00:00Z");
        clock.set(now);
        String tenant = TestApi.createTenant("Only mailbox refused");
        String token = TestApi.issueToken(tenant);
        EngineFixtures fx = new EngineFixtures(dataSource, tenant, token);
        EngineProbe probe = new EngineProbe(dataSource, engine);
        String domain = "w" + UUID.randomUUID().toString().substring(0, 8) + ".test";
        try (SmtpSink sink = SmtpSink.start(Set.of(), true)) {
            sink.requireAuth("sales", "right-password");
            String broken = mailbox(token, "alone@" + domain, sink.port(), "wrong-password");
            UUID template = fx.template("Hi", "<p>Hello</p>", "Hello");
            fx.lead("waiting", "patient@" + domain, "P", null);
            String campaignId = campaign(fx, List.of(broken), template, "waiting");

            probe.drain();

            EngineProbe.Enrollment waiting = probe.enrollment(campaignId, "patient@" + domain);
            assertThat(waiting.status()).isEqualTo("active");
            assertThat(waiting.attempts()).isZero();
            assertThat(waiting.nextRunAt()).as("mailbox-unavailable-retry").isEqualTo(now.plusSeconds(30 * 60));
            assertThat(sink.count()).isZero();
            EngineProbe.pause(token, campaignId);
        }
    }

    private static String campaign(EngineFixtures fx, List<String> mailboxes, UUID template, String list) {
        String id = fx.campaign(Map.of(
                "name",
                "Refused " + list,
                "email_account_ids",
                mailboxes,
                "timezone",
                "UTC",
                "sending_window",
                window(List.of(1, 2, 3, 4, 5, 6, 7), "00:00", "23:59"),
                "spacing",
                Map.of("min_seconds", 0, "max_seconds", 0),
                "steps",
                List.of(email(template))));
        fx.enroll(id, list);
        fx.start(id);
        return id;
    }

    /** A mailbox created over the API, logging in to the sink as "sales" with the password. */
    private static String mailbox(String token, String address, int port, String password) {
        Map<String, Object> smtp = Map.of(
                "host", "127.0.0.1", "port", port, "security", "none", "username", "sales", "password", password);
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "email", address, "daily_limit", 100, "ramp", Map.of("start", 100, "step", 0), "smtp", smtp))
                .post("/v1/email-accounts")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static void patchPassword(String token, String id, String password) {
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("smtp", Map.of("password", password)))
                .patch("/v1/email-accounts/{id}", id)
                .then()
                .statusCode(200)
                .body("status", equalTo("active"))
                .body("last_error", nullValue());
    }

    private static String from(SmtpSink.Received mail) throws Exception {
        return ((InternetAddress) EngineProbe.parse(mail.raw()).getFrom()[0]).getAddress();
    }
}
