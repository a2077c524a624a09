package io.penguinmails.analytics.rest;

import static io.penguinmails.analytics.messaging.AnalyticsTopic.event;
import static io.penguinmails.analytics.messaging.AnalyticsTopic.warmupEvent;
import static io.penguinmails.analytics.messaging.Eventually.eventually;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import io.penguinmails.analytics.OlapTestResource;
import io.penguinmails.analytics.messaging.AnalyticsTopic;
import io.penguinmails.infra.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operator's rebuild runs in the background, re-derives exactly the numbers the live consumer had aggregated,
 * and swaps them in without the live consumer counting anything twice.
 */
@QuarkusTest
@QuarkusTestResource(
        value = OlapTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "penguin_olap_test"))
class RebuildResourceTest {

    private static final String ADMIN_TOKEN = "dev-admin-token";
    private static final int LIVE_EVENTS = 150;
    private static final Instant LATE_EVENING = Instant.parse("2025-06-02T23:30:00Z");

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
    void aRebuildRunsInTheBackgroundAndGivesIdenticalNumbers() {
        String tenant = UUID.randomUUID().toString();
        api(tenant)
                .contentType(ContentType.JSON)
                .body("{\"time_zone\":\"Asia/Tokyo\"}")
                .put("/v1/analytics/settings");
        seed(tenant);
        eventually(() -> api(tenant).get("/v1/analytics/overview").then().body("received", is(1)));
        List<String> before = snapshot(tenant);
        assertThat(before.get(before.size() - 1))
                .contains("\"date\":\"2025-06-03\"", "\"emails_sent\":2", "\"opens_received\":1")
                .contains("\"replies_received\":1", "\"reputation_score\":50");

        String location = admin().post("/v1/admin/analytics/rebuild")
                .then()
                .statusCode(202)
                .body("state", is("running"))
                .extract()
                .header("Location");
        // The live consumer keeps counting while the rebuild replays and swaps; nothing may count twice.
        String busyTenant = UUID.randomUUID().toString();
        for (int i = 0; i < LIVE_EVENTS; i++) {
            topic.sendEvent(busyTenant, "sent", "camp-live", "mbx-1", LATE_EVENING);
        }
        await().atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> !"running".equals(admin().get(location).path("state")));

        admin().get(location)
                .then()
                .statusCode(200)
                .body("state", is("completed"))
                .body("counted", greaterThanOrEqualTo(16))
                .body("replayed", greaterThanOrEqualTo(19))
                .body("finished_at", notNullValue());
        assertThat(snapshot(tenant)).isEqualTo(before);
        topic.sendEvent(busyTenant, "delivered", "camp-live", "mbx-1", LATE_EVENING);
        eventually(() ->
                api(busyTenant).get("/v1/analytics/campaigns/camp-live").then().body("delivered", is(1)));
        api(busyTenant).get("/v1/analytics/campaigns/camp-live").then().body("sent", is(LIVE_EVENTS));
    }

    @Test
    void onlyTheOperatorMayRebuild() {
        api(UUID.randomUUID().toString())
                .post("/v1/admin/analytics/rebuild")
                .then()
                .statusCode(403);
        given().post("/v1/admin/analytics/rebuild").then().statusCode(401);
        admin().get("/v1/admin/analytics/rebuild/" + UUID.randomUUID())
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    private static void seed(String tenant) {
        for (String step : List.of("s1", "s2")) {
            for (String lead : List.of("l1", "l2")) {
                String key = lead + step;
                topic.sendEvent(event(tenant, "sent", "camp-r", step, "mbx-" + lead, lead, key, LATE_EVENING));
                topic.sendEvent(event(tenant, "opened", "camp-r", step, "mbx-" + lead, lead, key, LATE_EVENING));
                topic.sendEvent(event(tenant, "opened", "camp-r", step, "mbx-" + lead, lead, key, LATE_EVENING));
            }
        }
        // Warm-up traffic is rebuilt too: two sends, a message opened twice and a reply, on the tenant's day.
        topic.sendEvent(warmupEvent(tenant, "sent", "mbx-l1", "w1", LATE_EVENING));
        topic.sendEvent(warmupEvent(tenant, "sent", "mbx-l1", "w2", LATE_EVENING));
        topic.sendEvent(warmupEvent(tenant, "opened", "mbx-l1", "w1", LATE_EVENING));
        topic.sendEvent(warmupEvent(tenant, "opened", "mbx-l1", "w1", LATE_EVENING));
        topic.sendEvent(warmupEvent(tenant, "replied", "mbx-l1", "w1", LATE_EVENING));
        topic.sendEvent(event(tenant, "bounced", "camp-r", "s2", "mbx-l2", "l2", "l2s2", LATE_EVENING));
        topic.sendEvent(event(tenant, "received", null, null, "mbx-l1", null, null, LATE_EVENING));
    }

    /** Every API answer for the tenant, as text, so any difference shows. */
    private static List<String> snapshot(String tenant) {
        return List.of(
                        "/v1/analytics/campaigns/camp-r",
                        "/v1/analytics/campaigns/camp-r/steps",
                        "/v1/analytics/mailboxes",
                        "/v1/analytics/overview",
                        "/v1/analytics/daily?from=2025-06-01&to=2025-06-30",
                        "/v1/analytics/mailboxes/mbx-l1/warmup?from=2025-06-01&to=2025-06-30")
                .stream()
                .map(path ->
                        api(tenant).get(path).then().statusCode(200).extract().asString())
                .toList();
    }

    private static RequestSpecification admin() {
        return given().auth().oauth2(ADMIN_TOKEN);
    }

    private static RequestSpecification api(String tenant) {
        return given().auth().oauth2(TestTokens.forTenant(tenant));
    }
}
