package io.penguinmails.content.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.penguinmails.content.ContentTestResource;
import io.penguinmails.content.MailEvents;
import io.penguinmails.contracts.OutboundMailEvent;
import io.penguinmails.infra.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each way a search finds its page gives the same answer as filtering the newest-first list by hand. The bounds are
 * shrunk so that a dozen messages take every path: a walk of the newest 2, then 3 more, and at most 4 sorted matches.
 */
@QuarkusTest
@TestProfile(MessageSearchPathsTest.SmallSearchBounds.class)
@QuarkusTestResource(
        value = ContentTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "penguin_content_test"))
class MessageSearchPathsTest {

    private static final int MESSAGES = 12;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private String tenant;
    private String token;
    private List<String> newestFirst;
    private List<String> storageKeys;

    /** The shrunk bounds. */
    public static class SmallSearchBounds implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "penguin.content.search.walk", "2",
                    "penguin.content.search.walk-further", "3",
                    "penguin.content.search.sorted-hits", "4");
        }
    }

    /**
     * Twelve campaign mails, sent one after another: every one says "common", the three oldest "scarce", every other
     * one of the ten oldest "middling".
     */
    @BeforeEach
    void storeMail() {
        tenant = UUID.randomUUID().toString();
        token = TestTokens.forTenant(tenant);
        storageKeys = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            OutboundMailEvent mail = MailEvents.outbound(
                    tenant,
                    "<pm.search" + i + "@acme.example>",
                    "c1",
                    "l" + i,
                    "ada@example.org",
                    "Note " + i,
                    text(i));
            storageKeys.add(mail.storageKey());
            MailEvents.publishOutbound(bootstrap, MailEvents.newId(), mail);
        }
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(keys(Map.of())).hasSize(MESSAGES));
        newestFirst = keys(Map.of());
    }

    @Test
    void aCommonWordFillsItsPageFromTheNewestMessagesAndPagesThroughAllOfThem() {
        assertThat(keys(Map.of("q", "common", "limit", "3"))).isEqualTo(newestFirst.subList(0, 3));
        assertThat(allPages("common")).isEqualTo(newestFirst);
    }

    @Test
    void aWordWithFewMatchesIsSortedFromTheIndex() {
        assertThat(keys(Map.of("q", "scarce", "limit", "3"))).isEqualTo(matching(Set.of(0, 1, 2)));
    }

    @Test
    void aWalkThatReadEveryMessageOfTheOtherFiltersIsTheWholeAnswer() {
        assertThat(keys(Map.of("q", "scarce", "lead_id", "l1", "limit", "3"))).isEqualTo(matching(Set.of(1)));
        assertThat(keys(Map.of("q", "middling", "lead_id", "l5", "limit", "3"))).isEmpty();
    }

    @Test
    void aWordWithMoreMatchesThanAreSortedIsWalkedThroughTheWholeTenant() {
        List<String> expected = matching(Set.of(0, 2, 4, 6, 8));
        assertThat(keys(Map.of("q", "middling", "limit", "3"))).isEqualTo(expected.subList(0, 3));
        assertThat(allPages("middling")).isEqualTo(expected);
    }

    @Test
    void aWordCommonInTheTenantButRareInACampaignIsSortedFromTheIndexWithinTheCampaign() {
        List<String> other = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            OutboundMailEvent mail = MailEvents.outbound(
                    tenant,
                    "<pm.other" + i + "@acme.example>",
                    "c2",
                    "m" + i,
                    "bo@example.org",
                    "Other " + i,
                    i % 3 == 0 ? "other words middling" : "other words");
            other.add(mail.storageKey());
            MailEvents.publishOutbound(bootstrap, MailEvents.newId(), mail);
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(keys(Map.of("campaign_id", "c2")))
                .hasSize(6));
        List<String> inCampaign = keys(Map.of("campaign_id", "c2"));
        List<String> expected =
                inCampaign.stream().filter(key -> other.indexOf(key) % 3 == 0).toList();
        assertThat(keys(Map.of("q", "middling", "campaign_id", "c2", "limit", "3")))
                .isEqualTo(expected)
                .hasSize(2);
        assertThat(keys(Map.of("q", "scarce", "campaign_id", "c2", "limit", "3")))
                .isEmpty();
        assertThat(keys(Map.of("q", "middling", "campaign_id", "c1", "limit", "3")))
                .isEqualTo(matching(Set.of(0, 2, 4, 6, 8)).subList(0, 3));
    }

    private static String text(int i) {
        return "common words" + (i < 3 ? " scarce" : "") + (i < 10 && i % 2 == 0 ? " middling" : "");
    }

    /** The newest-first list filtered to the mails of the given positions. */
    private List<String> matching(Set<Integer> positions) {
        return newestFirst.stream()
                .filter(key -> positions.contains(storageKeys.indexOf(key)))
                .toList();
    }

    private List<String> allPages(String query) {
        List<String> all = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().auth().oauth2(token).queryParam("q", query).queryParam("limit", 3);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page =
                    request.get("/v1/messages").then().statusCode(200).extract().jsonPath();
            all.addAll(page.getList("items.storage_key"));
            cursor = page.getString("next_cursor");
        } while (cursor != null);
        return all;
    }

    private List<String> keys(Map<String, String> query) {
        return given().auth()
                .oauth2(token)
                .queryParams(query)
                .get("/v1/messages")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.storage_key");
    }
}
