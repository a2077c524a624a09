package io.penguinmails.content.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.penguinmails.content.ContentTestResource;
import io.penguinmails.content.MailEvents;
import io.penguinmails.contracts.OutboundMailEvent;
import io.penguinmails.contracts.Topics;
import io.penguinmails.infra.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(
        value = ContentTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "penguin_content_test"))
class OutboundMailConsumerTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    DataSource dataSource;

    @Test
    void storesSentCampaignMailOnceWithItsCampaignLeadAndStep() throws Exception {
        String tenant = UUID.randomUUID().toString();
        OutboundMailEvent event = MailEvents.outbound(
                tenant, "<pm.out1@acme.example>", "camp-9", "lead-7", "ada@example.org", "Hello Ada", "Hi Ada");
        String eventId = MailEvents.newId();
        MailEvents.publishOutbound(bootstrap, eventId, event);
        MailEvents.publishOutbound(bootstrap, eventId, event);
        MailEvents.publishOutbound(bootstrap, MailEvents.newId(), event);
        String token = TestTokens.forTenant(tenant);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> count("SELECT count(*) FROM processed_events WHERE tenant_id = ?::uuid", tenant) == 2);
        assertThat(count("SELECT count(*) FROM email_messages WHERE tenant_id = ?::uuid", tenant))
                .isEqualTo(1);
        JsonPath body = given().auth()
                .oauth2(token)
                .get("/v1/messages/" + event.storageKey())
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(body.getString("direction")).isEqualTo("outbound");
        assertThat(body.getString("status")).isEqualTo("sent");
        assertThat(body.getString("campaign_id")).isEqualTo("camp-9");
        assertThat(body.getString("lead_id")).isEqualTo("lead-7");
        assertThat(body.getString("step_id")).isEqualTo("step-1");
        assertThat(body.getString("message_id")).isEqualTo("<pm.out1@acme.example>");
        assertThat(body.getString("content_text")).isEqualTo("Hi Ada");
        assertThat(body.getString("content_html")).isEqualTo("<p>Hi Ada</p>");
        assertThat(body.getList("to.address")).containsExactly("ada@example.org");
    }

    @Test
    void outboundMailHasNoRawFormAndAFailedSendKeepsItsStatus() {
        String tenant = UUID.randomUUID().toString();
        OutboundMailEvent sent = MailEvents.outbound(
                tenant, "<pm.out2@acme.example>", "camp-1", "lead-1", "bo@example.org", "Hello", "Hi");
        OutboundMailEvent failed = withStatus(sent, "failed");
        MailEvents.publishOutbound(bootstrap, MailEvents.newId(), failed);
        String token = TestTokens.forTenant(tenant);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth()
                .oauth2(token)
                .get("/v1/messages/" + sent.storageKey())
                .then()
                .statusCode(200));
        given().auth()
                .oauth2(token)
                .get("/v1/messages/" + sent.storageKey())
                .then()
                .body("status", equalTo("failed"));
        given().auth()
                .oauth2(token)
                .get("/v1/messages/" + sent.storageKey() + "/raw")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("detail", containsString("outbound messages have no raw form"));
    }

    @Test
    void aRecordOutsideTheContractGoesToTheOutboundDlq() {
        String tenant = UUID.randomUUID().toString();
        OutboundMailEvent bad = withStatus(
                MailEvents.outbound(tenant, "<pm.out3@acme.example>", "c", "l", "x@example.org", "s", "t"), "bogus");
        MailEvents.publishOutbound(bootstrap, MailEvents.newId(), bad);
        assertThat(MailEvents.readDlq(bootstrap, Topics.MAIL_OUTBOUND, bad.storageKey()))
                .singleElement()
                .satisfies(r -> assertThat(new String(
                                r.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                        .contains("status"));
    }

    private static OutboundMailEvent withStatus(OutboundMailEvent e, String status) {
        return new OutboundMailEvent(
                e.schemaVersion(),
                e.storageKey(),
                e.tenantId(),
                e.emailAccountId(),
                e.campaignId(),
                e.stepId(),
                e.leadId(),
                e.messageId(),
                e.from(),
                e.to(),
                e.subject(),
                e.text(),
                e.html(),
                status,
                e.sentAt());
    }

    private long count(String sql, String tenant) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
