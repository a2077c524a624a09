package io.penguinmails.analytics.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import io.penguinmails.analytics.OlapTestResource;
import io.penguinmails.contracts.CloudEvent;
import io.penguinmails.infra.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.header.Headers;
import org.awaitility.core.ThrowingRunnable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Real records on the real broker, counted by the running service and read back through its HTTP API. */
@QuarkusTest
@QuarkusTestResource(
        value = OlapTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "penguin_olap_test"))
class AnalyticsEventConsumerTest {

    private static final LocalDate DAY = LocalDate.of(2025, 6, 2);
    private static final Instant NOON = DAY.atTime(12, 0).toInstant(ZoneOffset.UTC);

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
    void eventsAreCountedPerCampaignMailboxAndDayWithRates() {
        String tenant = newTenant();
        for (int i = 0; i < 3; i++) {
            topic.sendEvent(tenant, "sent", "camp-1", "mbx-1", NOON);
        }
        topic.sendEvent(tenant, "opened", "camp-1", "mbx-1", NOON);
        topic.sendEvent(tenant, "clicked", "camp-1", "mbx-1", NOON);
        topic.sendEvent(tenant, "received", null, null, NOON);

        eventually(() -> api(tenant)
                .get("/v1/analytics/campaigns/camp-1")
                .then()
                .statusCode(200)
                .body("campaign_id", is("camp-1"))
                .body("sent", is(3))
                .body("opened", is(1))
                .body("clicked", is(1))
                .body("open_rate", is(33.33f))
                .body("click_rate", is(33.33f))
                .body("bounce_rate", is(0.0f)));
        api(tenant)
                .get(dailyOf(DAY))
                .then()
                .statusCode(200)
                .body("days", hasSize(2))
                .body("days.find { it.campaign_id == 'camp-1' }.mailbox_id", is("mbx-1"))
                .body("days.find { it.campaign_id == 'camp-1' }.sent", is(3))
                .body("days.find { it.campaign_id == 'camp-1' }.open_rate", is(33.33f))
                .body("days.find { it.campaign_id == null }.received", is(1))
                .body("days.find { it.campaign_id == null }.mailbox_id", nullValue());
        eventually(() -> api(tenant)
                .get("/v1/analytics/overview")
                .then()
                .statusCode(200)
                .body("sent", is(3))
                .body("received", is(1))
                .body("open_rate", is(33.33f)));
    }

    @Test
    void anEventCountsOnTheUtcDayOfItsOccurrence() {
        String tenant = newTenant();
        String lateEveningInNewYork = "2025-06-02T23:30:00-04:00"; // 03:30 UTC on June 3rd
        String body =
                """
                {"schema_version":1,"event_type":"opened","tenant_id":"%s","occurred_at":"%s","campaign_id":"camp-tz"}
                """
                        .formatted(tenant, lateEveningInNewYork);
        topic.send(tenant, AnalyticsTopic.envelope(UUID.randomUUID().toString(), tenant), body);

        eventually(() -> api(tenant)
                .get("/v1/analytics/daily?from=2025-06-03&to=2025-06-03")
                .then()
                .body("days", hasSize(1))
                .body("days[0].date", is("2025-06-03"))
                .body("days[0].opened", is(1)));
        api(tenant)
                .get("/v1/analytics/daily?from=2025-06-02&to=2025-06-02")
                .then()
                .body("days", empty());
    }

    @Test
    void theSameCeIdIsCountedOnce() {
        String tenant = newTenant();
        String ceId = UUID.randomUUID().toString();
        String body = AnalyticsTopic.body(tenant, "sent", "camp-dup", "mbx-1", NOON);
        topic.send(tenant, AnalyticsTopic.envelope(ceId, tenant), body);
        topic.send(tenant, AnalyticsTopic.envelope(ceId, tenant), body);
        // Same key, same partition: once this later event shows, both copies have been processed.
        topic.sendEvent(tenant, "delivered", "camp-dup", "mbx-1", NOON);

        eventually(
                () -> api(tenant).get("/v1/analytics/campaigns/camp-dup").then().body("delivered", is(1)));
        api(tenant).get("/v1/analytics/campaigns/camp-dup").then().body("sent", is(1));
        given().get("/q/metrics").then().body(containsString("penguin_analytics_events_total{outcome=\"duplicate\""));
    }

    @Test
    void aTenantNeverSeesAnotherTenantsEvents() {
        String owner = newTenant();
        String other = newTenant();
        topic.sendEvent(owner, "sent", "camp-shared-id", "mbx-1", NOON);

        eventually(() ->
                api(owner).get("/v1/analytics/campaigns/camp-shared-id").then().body("sent", is(1)));
        api(other)
                .get("/v1/analytics/campaigns/camp-shared-id")
                .then()
                .statusCode(200)
                .body("sent", is(0));
        api(other).get(dailyOf(DAY)).then().body("days", empty());
        api(other).get("/v1/analytics/overview").then().body("sent", is(0));
    }

    @Test
    void invalidRecordsGoToTheDeadLetterTopicWithTheirReasonAndLaterRecordsStillCount() {
        String tenant = newTenant();
        String valid = AnalyticsTopic.body(tenant, "sent", "camp-dlq", null, NOON);
        Headers noCeId =
                AnalyticsTopic.envelope(UUID.randomUUID().toString(), tenant).remove(CloudEvent.ID);
        topic.send(tenant, noCeId, valid);
        topic.send(tenant, envelope(tenant), valid.replace("\"sent\"", "\"exploded\""));
        topic.send(tenant, envelope(tenant), "{not json");
        topic.send(tenant, envelope(tenant), null);
        topic.send(tenant, AnalyticsTopic.envelope(UUID.randomUUID().toString(), newTenant()), valid);
        topic.sendEvent(tenant, "sent", "camp-dlq", null, NOON);

        eventually(
                () -> api(tenant).get("/v1/analytics/campaigns/camp-dlq").then().body("sent", is(1)));
        List<String> reasons = AnalyticsTopic.deadLetters(tenant, 5).stream()
                .map(record -> AnalyticsTopic.header(record, "dead-letter-reason"))
                .toList();
        assertThat(reasons)
                .hasSize(5)
                .anyMatch(reason -> reason.contains("missing header ce_id"))
                .anyMatch(reason -> reason.contains("record has no body"))
                .anyMatch(reason -> reason.contains("breaks its schema") && reason.contains("event_type"))
                .anyMatch(reason -> reason.contains("not JSON"))
                .anyMatch(reason -> reason.contains("differs from body tenant_id"));
    }

    private static String dailyOf(LocalDate day) {
        return "/v1/analytics/daily?from=" + day + "&to=" + day;
    }

    private static Headers envelope(String tenant) {
        return AnalyticsTopic.envelope(UUID.randomUUID().toString(), tenant);
    }

    private static String newTenant() {
        return UUID.randomUUID().toString();
    }

    private static RequestSpecification api(String tenant) {
        return given().auth().oauth2(TestTokens.forTenant(tenant));
    }

    /** Events are counted asynchronously; the API shows them within seconds. */
    private static void eventually(ThrowingRunnable assertion) {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(assertion);
    }
}
