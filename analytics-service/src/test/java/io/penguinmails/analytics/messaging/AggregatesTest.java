package io.penguinmails.analytics.messaging;

import static io.penguinmails.analytics.messaging.AnalyticsTopic.event;
import static io.penguinmails.analytics.messaging.Eventually.eventually;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import io.penguinmails.analytics.OlapTestResource;
import io.penguinmails.infra.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The per-campaign, per-step and per-mailbox aggregates, unique engagements and their consistency. */
@QuarkusTest
@QuarkusTestResource(
        value = OlapTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "penguin_olap_test"))
class AggregatesTest {

    private static final Instant JUNE_2 = Instant.parse("2025-06-02T10:00:00Z");
    private static final Instant JUNE_3 = Instant.parse("2025-06-03T10:00:00Z");
    private static final List<String> COUNTERS =
            List.of("sent", "delivered", "opened", "clicked", "replied", "bounced", "unsubscribed", "complained");

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
    void opensAndClicksCountOncePerMessageWhetherKeyedByStorageKeyOrByLeadAndStep() {
        String tenant = newTenant();
        topic.sendEvent(event(tenant, "sent", "camp-u", "s1", "mbx", "lead-1", "key-a", JUNE_2));
        topic.sendEvent(event(tenant, "sent", "camp-u", "s1", "mbx", "lead-2", null, JUNE_2));
        for (int hit = 0; hit < 3; hit++) {
            topic.sendEvent(event(tenant, "opened", "camp-u", "s1", "mbx", "lead-1", "key-a", JUNE_2));
            topic.sendEvent(event(tenant, "opened", "camp-u", "s1", "mbx", "lead-2", null, JUNE_3));
            topic.sendEvent(event(tenant, "clicked", "camp-u", "s1", "mbx", "lead-1", "key-a", JUNE_3));
        }
        topic.sendEvent(event(tenant, "replied", "camp-u", "s1", "mbx", "lead-1", "key-a", JUNE_3));

        eventually(
                () -> api(tenant).get("/v1/analytics/campaigns/camp-u").then().body("replied", is(1)));
        api(tenant)
                .get("/v1/analytics/campaigns/camp-u")
                .then()
                .body("sent", is(2))
                .body("opened", is(2))
                .body("clicked", is(1))
                .body("open_rate", is(100.0f))
                .body("click_rate", is(50.0f));
        api(tenant).get("/v1/analytics/campaigns/camp-u/steps").then().body("steps[0].opened", is(2));
    }

    @Test
    void aCampaignsTotalsEqualTheSumOfItsStepsAndOfItsDays() {
        String tenant = newTenant();
        sendMixedCampaign(tenant);

        eventually(
                () -> api(tenant).get("/v1/analytics/campaigns/camp-t").then().body("unsubscribed", is(1)));
        JsonPath campaign = api(tenant).get("/v1/analytics/campaigns/camp-t").jsonPath();
        JsonPath steps = api(tenant).get("/v1/analytics/campaigns/camp-t/steps").jsonPath();
        JsonPath days = api(tenant)
                .get("/v1/analytics/daily?campaign_id=camp-t&from=2025-06-01&to=2025-06-30")
                .jsonPath();
        assertThat(steps.getList("steps.step_id")).containsExactly(null, "step-1", "step-2");
        assertThat(days.getList("days.date")).containsExactly("2025-06-02", "2025-06-02", "2025-06-03");
        for (String counter : COUNTERS) {
            int total = campaign.getInt(counter);
            assertThat(sum(steps.getList("steps." + counter)))
                    .as("steps' " + counter)
                    .isEqualTo(total);
            assertThat(sum(days.getList("days." + counter)))
                    .as("days' " + counter)
                    .isEqualTo(total);
        }
        assertThat(campaign.getInt("sent")).isEqualTo(4);
    }

    @Test
    void mailboxesShowVolumeBounceAndReplyRatesAndAHealthLabel() {
        String tenant = newTenant();
        sendMany(tenant, "mbx-good", "sent", 10);
        sendMany(tenant, "mbx-good", "replied", 3);
        sendMany(tenant, "mbx-warn", "sent", 40);
        sendMany(tenant, "mbx-warn", "bounced", 1);
        sendMany(tenant, "mbx-bad", "sent", 10);
        sendMany(tenant, "mbx-bad", "bounced", 2);
        sendMany(tenant, "mbx-inbound", "received", 1);

        eventually(() -> api(tenant).get("/v1/analytics/mailboxes").then().body("mailboxes", hasSize(4)));
        JsonPath mailboxes = api(tenant).get("/v1/analytics/mailboxes").jsonPath();
        assertThat(mailboxes.getList("mailboxes.mailbox_id"))
                .containsExactly("mbx-bad", "mbx-good", "mbx-inbound", "mbx-warn");
        assertThat(mailbox(mailboxes, "mbx-good"))
                .containsEntry("sent", 10)
                .containsEntry("reply_rate", 30.0f)
                .containsEntry("health", "healthy");
        assertThat(mailbox(mailboxes, "mbx-warn"))
                .containsEntry("bounce_rate", 2.5f)
                .containsEntry("health", "warning");
        assertThat(mailbox(mailboxes, "mbx-bad"))
                .containsEntry("bounce_rate", 20.0f)
                .containsEntry("health", "critical");
        assertThat(mailbox(mailboxes, "mbx-inbound"))
                .containsEntry("received", 1)
                .containsEntry("health", "no_data");
    }

    @Test
    void anotherTenantsStepsAndMailboxesAreNotVisible() {
        String owner = newTenant();
        topic.sendEvent(event(owner, "sent", "camp-x", "s1", "mbx-x", null, null, JUNE_2));

        eventually(() -> api(owner).get("/v1/analytics/mailboxes").then().body("mailboxes", hasSize(1)));
        String other = newTenant();
        api(other).get("/v1/analytics/mailboxes").then().statusCode(200).body("mailboxes", hasSize(0));
        api(other)
                .get("/v1/analytics/campaigns/camp-x/steps")
                .then()
                .statusCode(200)
                .body("campaign_id", is("camp-x"))
                .body("steps", hasSize(0));
    }

    /** Two steps plus step-less events, over two days and two mailboxes. */
    private static void sendMixedCampaign(String tenant) {
        topic.sendEvent(event(tenant, "sent", "camp-t", "step-1", "mbx-1", "l1", "k1", JUNE_2));
        topic.sendEvent(event(tenant, "sent", "camp-t", "step-1", "mbx-2", "l2", "k2", JUNE_2));
        topic.sendEvent(event(tenant, "sent", "camp-t", "step-2", "mbx-1", "l1", "k3", JUNE_3));
        topic.sendEvent(event(tenant, "sent", "camp-t", null, "mbx-1", null, null, JUNE_3));
        topic.sendEvent(event(tenant, "delivered", "camp-t", "step-1", "mbx-1", "l1", "k1", JUNE_2));
        topic.sendEvent(event(tenant, "opened", "camp-t", "step-1", "mbx-1", "l1", "k1", JUNE_3));
        topic.sendEvent(event(tenant, "opened", "camp-t", "step-1", "mbx-1", "l1", "k1", JUNE_3));
        topic.sendEvent(event(tenant, "clicked", "camp-t", "step-2", "mbx-1", "l1", "k3", JUNE_3));
        topic.sendEvent(event(tenant, "bounced", "camp-t", "step-1", "mbx-2", "l2", "k2", JUNE_2));
        topic.sendEvent(event(tenant, "replied", "camp-t", "step-2", "mbx-1", "l1", "k3", JUNE_3));
        topic.sendEvent(event(tenant, "unsubscribed", "camp-t", "step-2", "mbx-1", "l1", "k3", JUNE_3));
    }

    private static void sendMany(String tenant, String mailbox, String type, int count) {
        for (int i = 0; i < count; i++) {
            topic.sendEvent(event(tenant, type, "camp-m", "s1", mailbox, null, null, JUNE_2));
        }
    }

    private static Map<String, Object> mailbox(JsonPath mailboxes, String id) {
        return mailboxes.getMap("mailboxes.find { it.mailbox_id == '" + id + "' }");
    }

    private static int sum(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).sum();
    }

    private static String newTenant() {
        return UUID.randomUUID().toString();
    }

    private static RequestSpecification api(String tenant) {
        return given().auth().oauth2(TestTokens.forTenant(tenant));
    }
}
