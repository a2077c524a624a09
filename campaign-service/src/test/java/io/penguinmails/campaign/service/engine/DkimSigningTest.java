package io.penguinmails.campaign.service.engine;

import static io.penguinmails.campaign.service.engine.EngineFixtures.email;
import static io.penguinmails.campaign.service.engine.EngineFixtures.window;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.penguinmails.campaign.ControlledClock;
import io.penguinmails.campaign.DkimVerifier;
import io.penguinmails.campaign.KeyDirResource;
import io.penguinmails.campaign.SmtpSink;
import io.penguinmails.campaign.TestApi;
import io.penguinmails.infra.PenguinTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Campaign mail from a tenant's domain carries a DKIM signature that verifies against the record the API shows. */
@QuarkusTest
@QuarkusTestResource(
        value = PenguinTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "penguin_oltp_test"))
@QuarkusTestResource(KeyDirResource.class)
class DkimSigningTest {

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
    void mailFromTheTenantsDomainIsSignedWithItsKeyAndMailOfAnotherTenantAtThatNameIsNot() throws Exception {
        clock.set(Instant.parse("2026-12-23T09:00:00Z"));
        String domain = "mail.s" + UUID.randomUUID().toString().substring(0, 8) + ".test";
        try (SmtpSink sink = SmtpSink.start(Set.of(), true)) {
            String owner = TestApi.createTenant("Domain owner");
            String ownerToken = TestApi.issueToken(owner);
            JsonPath created = createDomain(ownerToken, domain);
            String signedCampaign =
                    sendOne(new EngineFixtures(dataSource, owner, ownerToken), "sales@" + domain, sink.port(), "owned");
            String other = TestApi.createTenant("Same name, no domain");
            sendOne(
                    new EngineFixtures(dataSource, other, TestApi.issueToken(other)),
                    "sales@" + domain,
                    sink.port(),
                    "foreign");

            List<SmtpSink.Received> received = sink.messages();
            assertThat(received).hasSize(2);
            DkimVerifier signed = new DkimVerifier(received.get(0).raw());
            Map<String, String> tags = signed.tags();
            assertThat(tags).containsEntry("d", domain).containsEntry("s", created.getString("dkim_selector"));
            assertThat(tags.get("s")).isEqualTo("penguin");
            assertThat(tags.get("h").toLowerCase())
                    .contains("from")
                    .contains("subject")
                    .contains("message-id");
            assertThat(signed.bodyHash()).isEqualTo(tags.get("bh"));
            PublicKey published = publishedKey(created, domain);
            assertThat(signed.verify(published))
                    .as("verifies against the DNS record the API shows")
                    .isTrue();
            assertThat(signed.withBody(signed.body().replace("Hello", "Hullo")).verify(published))
                    .as("an altered body no longer verifies")
                    .isFalse();
            assertThat(new EngineProbe(dataSource, engine).outboundMessageIds(signedCampaign))
                    .as("signing keeps the Message-ID that replies are matched on")
                    .containsExactly(EngineProbe.parse(received.get(0).raw()).getMessageID());
            assertThat(EngineProbe.parse(received.get(1).raw()).getHeader("DKIM-Signature"))
                    .as("another tenant's mailbox at that name is not signed with the owner's key")
                    .isNull();
        }
    }

    private static JsonPath createDomain(String token, String name) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("name", name))
                .post("/v1/domains")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
    }

    /** The public key of the domain's DKIM TXT record, named {@code <selector>._domainkey.<domain>}. */
    private static PublicKey publishedKey(JsonPath domain, String name) throws Exception {
        List<Map<String, String>> records = domain.getList("dns_records");
        Map<String, String> dkim = records.stream()
                .filter(record -> record.get("purpose").equals("dkim"))
                .findFirst()
                .orElseThrow();
        assertThat(dkim).containsEntry("name", "penguin._domainkey." + name);
        String value = dkim.get("value");
        byte[] der = Base64.getDecoder().decode(value.substring(value.indexOf("p=") + 2));
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
    }

    /** Sends one campaign email from a new mailbox of the tenant to one lead, runs the engine; returns the campaign. */
    private String sendOne(EngineFixtures fx, String sender, int port, String list) {
        UUID mailbox = fx.mailbox(sender, port, 10);
        UUID template = fx.template("Hello {{first_name}}", "<p>Hello {{first_name}}, caf\u00e9 at ten?</p>", null);
        fx.lead(list, list + "@lead.test", "Lea", null);
        String id = fx.campaign(Map.of(
                "name", "Signed " + list,
                "email_account_ids", List.of(mailbox),
                "timezone", "UTC",
                "sending_window", window(List.of(1, 2, 3, 4, 5, 6, 7), "00:00", "23:59"),
                "spacing", Map.of("min_seconds", 0, "max_seconds", 0),
                "steps", List.of(email(template))));
        fx.enroll(id, list);
        fx.start(id);
        new EngineProbe(dataSource, engine).drain();
        return id;
    }
}
