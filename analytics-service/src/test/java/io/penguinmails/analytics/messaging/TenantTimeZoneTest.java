package io.penguinmails.analytics.messaging;

import static io.penguinmails.analytics.messaging.AnalyticsTopic.event;
import static io.penguinmails.analytics.messaging.Eventually.eventually;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import io.penguinmails.analytics.OlapTestResource;
import io.penguinmails.infra.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Days are the tenant's local days of {@code occurred_at}, whenever the event arrives. */
@QuarkusTest
@QuarkusTestResource(
        value = OlapTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "penguin_olap_test"))
class TenantTimeZoneTest {

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
    void aTenantWithoutSettingsCountsUtcDays() {
        api(newTenant()).get("/v1/analytics/settings").then().statusCode(200).body("time_zone", is("UTC"));
    }

    @Test
    void eventsLandOnTheTenantsLocalDayAndALateEventLandsOnItsOwnDay() {
        String tenant = newTenant();
        setTimeZone(tenant, "Europe/Berlin").then().statusCode(200).body("time_zone", is("Europe/Berlin"));
        // 22:30 UTC on June 2 is 00:30 on June 3 in Berlin (UTC+2 in summer).
        topic.sendEvent(event(tenant, "sent", "camp-tz", null, "mbx", null, null, at("2025-06-02T22:30:00Z")));
        // Arrives after June 3's event but happened on May 30, Berlin time: it belongs to May 30.
        topic.sendEvent(event(tenant, "sent", "camp-tz", null, "mbx", null, null, at("2025-05-30T12:00:00Z")));

        eventually(
                () -> api(tenant).get("/v1/analytics/campaigns/camp-tz").then().body("sent", is(2)));
        api(tenant)
                .get("/v1/analytics/daily?from=2025-05-01&to=2025-06-30")
                .then()
                .body("days", hasSize(2))
                .body("days[0].date", is("2025-05-30"))
                .body("days[1].date", is("2025-06-03"));
        api(tenant)
                .get("/v1/analytics/daily?from=2025-06-02&to=2025-06-02")
                .then()
                .body("days", empty());
    }

    @Test
    void anUnknownTimeZoneIs400AndChangesNothing() {
        String tenant = newTenant();
        setTimeZone(tenant, "Mars/Olympus_Mons")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("not a known time zone"));
        api(tenant).get("/v1/analytics/settings").then().body("time_zone", is("UTC"));
    }

    private static io.restassured.response.Response setTimeZone(String tenant, String zone) {
        return api(tenant)
                .contentType(ContentType.JSON)
                .body("{\"time_zone\": \"" + zone + "\"}")
                .put("/v1/analytics/settings");
    }

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }

    private static String newTenant() {
        return UUID.randomUUID().toString();
    }

    private static RequestSpecification api(String tenant) {
        return given().auth().oauth2(TestTokens.forTenant(tenant));
    }
}
