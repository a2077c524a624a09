package io.penguinmails.analytics.messaging;

import static io.penguinmails.analytics.messaging.AnalyticsTopic.event;
import static io.penguinmails.analytics.messaging.AnalyticsTopic.warmupEvent;
import static io.penguinmails.analytics.messaging.Eventually.eventually;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import io.penguinmails.analytics.OlapTestResource;
import io.penguinmails.contracts.AnalyticsEvent;
import io.penguinmails.infra.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Warm-up traffic ({@code warmup: true}) over the real broker: counted once per {@code ce_id} into
 * {@code warmup_daily_stats} and the warm-up columns of {@code daily_analytics}, on the tenant's local day, never in a
 * campaign's funnel or a mailbox's volume, and served tenant-scoped by {@code /mailboxes/{id}/warmup}.
 */
@QuarkusTest
@QuarkusTestResource(
        value = OlapTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "penguin_olap_test"))
class WarmupTest {

    /** 22:30 on June 2nd in New York, already June 3rd in UTC. */
    private static final Instant NEW_YORK_EVENING = Instant.parse("2025-06-03T02:30:00Z");

    private static final String JUNE = "from=2025-06-01&to=2025-06-30";

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
    void warmUpEventsCountOncePerCeIdOnTheTenantsDayAndOutsideEveryCampaignCounter() {
        String tenant = newTenant();
        api(tenant)
                .contentType(ContentType.JSON)
                .body("{\"time_zone\":\"America/New_York\"}")
                .put("/v1/analytics/settings")
                .then()
                .statusCode(200);
        sendWarmupTrafficWithRedeliveries(tenant);
        topic.sendEvent(event(tenant, "sent", "camp-w", "s1", "mbx-w", "l1", "c1", NEW_YORK_EVENING));
        // Same key, same partition: once this shows, every warm-up record before it has been processed.
        topic.sendEvent(event(tenant, "delivered", "camp-w", "s1", "mbx-w", "l1", "c1", NEW_YORK_EVENING));
        eventually(
                () -> api(tenant).get("/v1/analytics/campaigns/camp-w").then().body("delivered", is(1)));

        api(tenant)
                .get("/v1/analytics/mailboxes/mbx-w/warmup?" + JUNE)
                .then()
                .statusCode(200)
                .body("mailbox_id", is("mbx-w"))
                .body("days", hasSize(1))
                .body("days[0].date", is("2025-06-02"))
                .body("days[0].emails_sent", is(4))
                .body("days[0].opens_received", is(2))
                .body("days[0].replies_received", is(1))
                .body("days[0].reputation_score", is(50));
        assertOnlyTheCampaignMailCountsInCampaignCounters(tenant);
        JsonPath days = api(tenant).get("/v1/analytics/daily?" + JUNE).jsonPath();
        assertThat(days.getList("days.date")).containsOnly("2025-06-02");
        assertThat(day(days, "null"))
                .containsEntry("mailbox_id", "mbx-w")
                .containsEntry("warmup_opens", 2)
                .containsEntry("warmup_replies", 1)
                .containsEntry("sent", 0)
                .containsEntry("opened", 0)
                .containsEntry("replied", 0);
        assertThat(day(days, "'camp-w'"))
                .containsEntry("sent", 1)
                .containsEntry("warmup_opens", 0)
                .containsEntry("warmup_replies", 0);
    }

    @Test
    void warmUpEventsWithoutAMailboxOrOfAnotherTypeAreDeadLetteredAndTheRestCounts() {
        String tenant = newTenant();
        topic.sendEvent(warmupEvent(tenant, "sent", null, "k1", NEW_YORK_EVENING));
        topic.sendEvent(warmupEvent(tenant, "bounced", "mbx-d", "k2", NEW_YORK_EVENING));
        topic.sendEvent(warmupEvent(tenant, "sent", "mbx-d", "k3", NEW_YORK_EVENING));

        eventually(() -> api(tenant)
                .get("/v1/analytics/mailboxes/mbx-d/warmup?" + JUNE)
                .then()
                .body("days", hasSize(1))
                .body("days[0].emails_sent", is(1)));
        List<String> reasons = AnalyticsTopic.deadLetters(tenant, 2).stream()
                .map(record -> AnalyticsTopic.header(record, "dead-letter-reason"))
                .toList();
        assertThat(reasons)
                .hasSize(2)
                .anyMatch(reason -> reason.contains("breaks its schema") && reason.contains("email_account_id"))
                .anyMatch(reason -> reason.contains("breaks its schema") && reason.contains("event_type"));
        api(tenant).get("/v1/analytics/mailboxes").then().body("mailboxes", empty());
    }

    @Test
    void anotherTenantSeesNoneOfAMailboxsWarmUp() {
        String owner = newTenant();
        topic.sendEvent(warmupEvent(owner, "sent", "mbx-shared-id", "k1", NEW_YORK_EVENING));
        eventually(() -> api(owner)
                .get("/v1/analytics/mailboxes/mbx-shared-id/warmup?" + JUNE)
                .then()
                .body("days", hasSize(1)));

        String other = newTenant();
        api(other)
                .get("/v1/analytics/mailboxes/mbx-shared-id/warmup?" + JUNE)
                .then()
                .statusCode(200)
                .body("mailbox_id", is("mbx-shared-id"))
                .body("days", empty());
        api(other).get("/v1/analytics/daily?" + JUNE).then().body("days", empty());
    }

    @Test
    void theWarmUpEndpointNeedsATokenAndAValidRange() {
        given().get("/v1/analytics/mailboxes/m1/warmup").then().statusCode(401).contentType("application/problem+json");
        api(newTenant())
                .get("/v1/analytics/mailboxes/m1/warmup?from=2025-06-10&to=2025-06-01")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("is after"));
        api(newTenant())
                .get("/v1/analytics/mailboxes/m1/warmup")
                .then()
                .statusCode(200)
                .body("days", empty());
    }

    /**
     * 4 distinct sends (one redelivered, one naming a campaign its producer should not have named), 2 opened
     * messages (one opened twice, one open redelivered) and 1 reply (redelivered).
     */
    private static void sendWarmupTrafficWithRedeliveries(String tenant) {
        AnalyticsEvent redeliveredSend = warmupEvent(tenant, "sent", "mbx-w", "w1", NEW_YORK_EVENING);
        topic.sendEvent("send-" + tenant, redeliveredSend);
        topic.sendEvent("send-" + tenant, redeliveredSend);
        topic.sendEvent(warmupEvent(tenant, "sent", "mbx-w", "w2", NEW_YORK_EVENING));
        topic.sendEvent(warmupEvent(tenant, "sent", "mbx-w", "w3", NEW_YORK_EVENING));
        topic.sendEvent(
                new AnalyticsEvent(1, "sent", tenant, NEW_YORK_EVENING, "camp-w", "s1", "mbx-w", null, "w4", true));
        topic.sendEvent(warmupEvent(tenant, "opened", "mbx-w", "w1", NEW_YORK_EVENING));
        topic.sendEvent(warmupEvent(tenant, "opened", "mbx-w", "w1", NEW_YORK_EVENING));
        AnalyticsEvent redeliveredOpen = warmupEvent(tenant, "opened", "mbx-w", "w2", NEW_YORK_EVENING);
        topic.sendEvent("open-" + tenant, redeliveredOpen);
        topic.sendEvent("open-" + tenant, redeliveredOpen);
        AnalyticsEvent redeliveredReply = warmupEvent(tenant, "replied", "mbx-w", "w2", NEW_YORK_EVENING);
        topic.sendEvent("reply-" + tenant, redeliveredReply);
        topic.sendEvent("reply-" + tenant, redeliveredReply);
    }

    private static void assertOnlyTheCampaignMailCountsInCampaignCounters(String tenant) {
        api(tenant)
                .get("/v1/analytics/campaigns/camp-w")
                .then()
                .body("sent", is(1))
                .body("opened", is(0))
                .body("replied", is(0));
        api(tenant).get("/v1/analytics/campaigns/camp-w/steps").then().body("steps", hasSize(1));
        api(tenant)
                .get("/v1/analytics/overview")
                .then()
                .body("sent", is(1))
                .body("opened", is(0))
                .body("replied", is(0));
        api(tenant)
                .get("/v1/analytics/mailboxes")
                .then()
                .body("mailboxes", hasSize(1))
                .body("mailboxes[0].sent", is(1))
                .body("mailboxes[0].replied", is(0));
    }

    private static Map<String, Object> day(JsonPath days, String campaignId) {
        return days.getMap("days.find { it.campaign_id == " + campaignId + " }");
    }

    private static String newTenant() {
        return UUID.randomUUID().toString();
    }

    private static RequestSpecification api(String tenant) {
        return given().auth().oauth2(TestTokens.forTenant(tenant));
    }
}
