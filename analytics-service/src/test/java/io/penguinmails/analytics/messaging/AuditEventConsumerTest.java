package io.penguinmails.analytics.messaging;

import static io.penguinmails.analytics.messaging.Eventually.eventually;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import io.penguinmails.analytics.OlapTestResource;
import io.penguinmails.contracts.AuditEvent;
import io.penguinmails.contracts.CloudEvent;
import io.penguinmails.contracts.EventJson;
import io.penguinmails.contracts.Topics;
import io.penguinmails.infra.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Audit events as campaign-service publishes them, recorded once and served to their own tenant only. */
@QuarkusTest
@QuarkusTestResource(
        value = OlapTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "penguin_olap_test"))
class AuditEventConsumerTest {

    private static AnalyticsTopic topic;

    @BeforeAll
    static void openTopic() {
        topic = new AnalyticsTopic();
    }

    @AfterAll
    static void closeTopic() {
        topic.close();
    }

    @Test
    void auditEventsAreRecordedOncePerCeIdAndServedNewestFirst() {
        String tenant = newTenant();
        String created = UUID.randomUUID().toString();
        send(created, audit(tenant, "tenant.created", Map.of("name", "Acme"), "2025-06-02T10:00:00Z"));
        send(created, audit(tenant, "tenant.created", Map.of("name", "Acme"), "2025-06-02T10:00:00Z"));
        send(UUID.randomUUID().toString(), audit(tenant, "token.issued", Map.of(), "2025-06-02T10:05:00Z"));

        eventually(() -> api(tenant).get("/v1/audit").then().body("entries", hasSize(2)));
        api(tenant)
                .get("/v1/audit")
                .then()
                .statusCode(200)
                .body("entries[0].action", is("token.issued"))
                .body("entries[1].action", is("tenant.created"))
                .body("entries[1].event_id", is(created))
                .body("entries[1].actor", is("admin"))
                .body("entries[1].subject_id", is(tenant))
                .body("entries[1].details.name", is("Acme"))
                .body("entries[1].occurred_at", is("2025-06-02T10:00:00Z"));
        api(tenant).get("/v1/audit?limit=1").then().body("entries", hasSize(1));
    }

    @Test
    void aTenantSeesOnlyItsOwnAuditRows() {
        String owner = newTenant();
        send(UUID.randomUUID().toString(), audit(owner, "token.issued", Map.of(), "2025-06-02T10:00:00Z"));

        eventually(() -> api(owner).get("/v1/audit").then().body("entries", hasSize(1)));
        api(newTenant()).get("/v1/audit").then().statusCode(200).body("entries", hasSize(0));
    }

    @Test
    void anInvalidAuditRecordGoesToItsDeadLetterTopicAndLaterOnesStillCount() {
        String tenant = newTenant();
        topic.sendTo(Topics.AUDIT_EVENTS, tenant, envelope(UUID.randomUUID().toString(), tenant), "{\"action\":1}");
        send(UUID.randomUUID().toString(), audit(tenant, "token.issued", Map.of(), "2025-06-02T10:00:00Z"));

        eventually(() -> api(tenant).get("/v1/audit").then().body("entries", hasSize(1)));
        assertThat(AnalyticsTopic.deadLetters(Topics.AUDIT_EVENTS, tenant, 1))
                .singleElement()
                .satisfies(record -> assertThat(AnalyticsTopic.header(record, "dead-letter-reason"))
                        .contains("breaks its schema"));
    }

    @Test
    void aBadLimitIs400() {
        api(newTenant()).get("/v1/audit?limit=0").then().statusCode(400).body("status", is(400));
    }

    private static void send(String ceId, AuditEvent event) {
        topic.sendTo(Topics.AUDIT_EVENTS, event.tenantId(), envelope(ceId, event.tenantId()), EventJson.write(event));
    }

    private static AuditEvent audit(String tenant, String action, Map<String, String> details, String at) {
        return new AuditEvent(AuditEvent.SCHEMA_VERSION, action, tenant, "admin", tenant, details, Instant.parse(at));
    }

    private static Headers envelope(String ceId, String tenant) {
        return new CloudEvent(ceId, AnalyticsTopic.AUDIT_CE_TYPE, "/campaign-service", Instant.now(), tenant)
                .toHeaders();
    }

    private static String newTenant() {
        return UUID.randomUUID().toString();
    }

    private static RequestSpecification api(String tenant) {
        return given().auth().oauth2(TestTokens.forTenant(tenant));
    }
}
