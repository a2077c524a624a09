package io.penguinmails.content.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.penguinmails.content.ContentTestResource;
import io.penguinmails.content.MailEvents;
import io.penguinmails.contracts.MailEvent;
import io.penguinmails.contracts.OutboundMailEvent;
import io.penguinmails.contracts.Topics;
import io.penguinmails.infra.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(
        value = ContentTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "penguin_content_test"))
class MessageListResourceTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private String token;
    private OutboundMailEvent first;
    private OutboundMailEvent second;
    private OutboundMailEvent other;
    private MailEvent reply;

    /**
     * A tenant with a two-step campaign to one lead, a mail of another campaign, and the lead's reply, which answers
     * the second step and references both ({@code two-attachments.eml}).
     */
    @BeforeEach
    void storeConversation() {
        String tenant = UUID.randomUUID().toString();
        token = TestTokens.forTenant(tenant);
        first = MailEvents.outbound(
                tenant,
                "<pm.1a2b3c@acme.example>",
                "c1",
                "l1",
                "ada@example.org",
                "Quarterly proposal",
                "pricing for the penguin plan");
        second = MailEvents.outbound(
                tenant, "<pm.7f3c2a@acme.example>", "c1", "l1", "ada@example.org", "Following up", "just checking in");
        other = MailEvents.outbound(
                tenant, "<pm.99@acme.example>", "c2", "l2", "Grace@Example.org", "Unrelated", "other words entirely");
        reply = MailEvents.twoAttachments(tenant);
        for (OutboundMailEvent e : List.of(first, second, other)) {
            MailEvents.publishOutbound(bootstrap, MailEvents.newId(), e);
        }
        MailEvents.publish(bootstrap, Topics.MAIL_INBOUND, MailEvents.newId(), reply);
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(keys(Map.of())).hasSize(4));
    }

    @Test
    void filtersByEachField() {
        assertThat(keys(Map.of("campaign_id", "c1")))
                .containsExactlyInAnyOrder(first.storageKey(), second.storageKey());
        assertThat(keys(Map.of("lead_id", "l2"))).containsExactly(other.storageKey());
        assertThat(keys(Map.of("email_account_id", "mbx-1"))).containsExactly(reply.storageKey());
        assertThat(keys(Map.of("direction", "inbound"))).containsExactly(reply.storageKey());
        assertThat(keys(Map.of("direction", "outbound", "message_type", "email", "status", "sent")))
                .hasSize(3);
        assertThat(keys(Map.of("status", "received"))).containsExactly(reply.storageKey());
        assertThat(keys(Map.of("to", "grace@example.org"))).containsExactly(other.storageKey());
        assertThat(keys(Map.of("from", "MARIA.LOPEZ@northwind.example"))).containsExactly(reply.storageKey());
        assertThat(keys(Map.of("since", "2000-01-01", "until", "2999-01-01T00:00:00Z")))
                .hasSize(4);
        assertThat(keys(Map.of("since", "2999-01-01"))).isEmpty();
    }

    @Test
    void searchesSubjectAndTextTogether() {
        assertThat(keys(Map.of("q", "penguin"))).containsExactly(first.storageKey());
        assertThat(keys(Map.of("q", "quarterly pricing"))).containsExactly(first.storageKey());
        assertThat(keys(Map.of("q", "Gracias"))).containsExactly(reply.storageKey());
        assertThat(keys(Map.of("q", "quarterly -pricing"))).isEmpty();
    }

    @Test
    void pagesThroughEveryMessageOnceNewestFirst() {
        List<String> all = keys(Map.of());
        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().auth().oauth2(token).queryParam("limit", 3);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page =
                    request.get("/v1/messages").then().statusCode(200).extract().jsonPath();
            paged.addAll(page.getList("items.storage_key"));
            cursor = page.getString("next_cursor");
        } while (cursor != null);
        assertThat(paged).isEqualTo(all).doesNotHaveDuplicates().hasSize(4);
    }

    @Test
    void badFilterValuesAre400AndInjectionShapedValuesAreInert() {
        for (Map<String, String> bad : List.of(
                Map.of("direction", "sideways"),
                Map.of("message_type", "email' OR '1'='1"),
                Map.of("status", "sent; DROP TABLE email_messages"),
                Map.of("limit", "0"),
                Map.of("limit", "lots"),
                Map.of("since", "yesterday"),
                Map.of("cursor", "not-a-cursor"))) {
            given().auth()
                    .oauth2(token)
                    .queryParams(bad)
                    .get("/v1/messages")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("status", equalTo(400));
        }
        assertThat(keys(Map.of("campaign_id", "c1' OR '1'='1"))).isEmpty();
        assertThat(keys(Map.of("q", "'; DROP TABLE email_messages; --"))).isEmpty();
        assertThat(keys(Map.of("from", "x@y.org' OR 1=1 --"))).isEmpty();
        assertThat(keys(Map.of())).hasSize(4);
    }

    @Test
    void anotherTenantSeesNoneOfIt() {
        String stranger = TestTokens.forTenant(UUID.randomUUID().toString());
        given().auth()
                .oauth2(stranger)
                .get("/v1/messages")
                .then()
                .statusCode(200)
                .body("items", hasSize(0));
        // Searches and threads run outside the tenant policy where the role may (tests log in as the superuser):
        // their own tenant filter is all that keeps the tenant's words and addresses from the stranger.
        for (Map<String, String> search : List.of(Map.of("q", "penguin"), Map.of("to", "grace@example.org"))) {
            given().auth()
                    .oauth2(stranger)
                    .queryParams(search)
                    .get("/v1/messages")
                    .then()
                    .statusCode(200)
                    .body("items", hasSize(0));
        }
        given().auth()
                .oauth2(stranger)
                .get("/v1/messages/" + reply.storageKey() + "/thread")
                .then()
                .statusCode(404);
        given().get("/v1/messages").then().statusCode(401);
    }

    @Test
    void threadLinksBothStepsAndTheReplyInTimeOrderFromAnyOfThem() {
        List<String> expected = List.of(first.storageKey(), second.storageKey(), reply.storageKey());
        for (String key : expected) {
            List<String> thread = given().auth()
                    .oauth2(token)
                    .get("/v1/messages/" + key + "/thread")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getList("storage_key");
            assertThat(thread).containsExactlyInAnyOrderElementsOf(expected).doesNotContain(other.storageKey());
        }
        List<String> fromOther = given().auth()
                .oauth2(token)
                .get("/v1/messages/" + other.storageKey() + "/thread")
                .then()
                .extract()
                .jsonPath()
                .getList("storage_key");
        assertThat(fromOther).containsExactly(other.storageKey());
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
