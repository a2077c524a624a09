package io.penguinmails.content.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Identical content is stored once per tenant, and every message that shares it reads whole until it is deleted. */
@QuarkusTest
@QuarkusTestResource(
        value = ContentTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "penguin_content_test"))
class ContentDeduplicationTest {

    private static final byte[] RAW = MailEvents.resource("two-attachments.eml");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    DataSource dataSource;

    @Inject
    RetentionService retention;

    @Test
    void oneMessageInTwoMailboxesIsStoredOnceAndEachCopyReadsWholeUntilTheLastGoes() throws Exception {
        String tenant = UUID.randomUUID().toString();
        MailEvent first = MailEvents.twoAttachments(tenant);
        MailEvent second = MailEvents.inMailbox(first, "mbx-2");
        storeInbound(tenant, first, second);
        assertThat(sharedContents(tenant)).isEqualTo(1);
        assertRawIsTheOriginal(tenant, first);
        assertRawIsTheOriginal(tenant, second);
        JsonPath contents = stats(tenant).setRootPath("contents");
        assertThat(contents.getLong("stored")).isEqualTo(1);
        assertThat(contents.getLong("bytes")).isEqualTo(2 * contents.getLong("stored_bytes"));
        assertThat(contents.getLong("dedup_saved_bytes")).isEqualTo(contents.getLong("stored_bytes"));

        expire("email_content", "storage_key = ?", first.storageKey());
        assertThat(retention.purge().messages()).isGreaterThanOrEqualTo(1);
        assertThat(sharedContents(tenant))
                .as("the mailbox-2 copy still refers to it")
                .isEqualTo(1);
        assertRawIsTheOriginal(tenant, second);

        expire("email_content", "tenant_id = ?::uuid", tenant);
        expire("shared_contents", "tenant_id = ?::uuid", tenant);
        RetentionService.Purged purged = retention.purge();
        assertThat(purged.contents()).isGreaterThanOrEqualTo(1);
        assertThat(sharedContents(tenant)).isZero();
        assertThat(stats(tenant).getLong("contents.stored")).isZero();
    }

    @Test
    void eraseDeletesTheSharedCopyWithItsLastMessageAndNeverAnotherTenants() throws Exception {
        String tenant = UUID.randomUUID().toString();
        MailEvent first = MailEvents.twoAttachments(tenant);
        String otherTenant = UUID.randomUUID().toString();
        MailEvent otherTenantsCopy = MailEvents.twoAttachments(otherTenant);
        storeInbound(tenant, first, MailEvents.inMailbox(first, "mbx-2"));
        storeInbound(otherTenant, otherTenantsCopy);
        assertThat(sharedContents(otherTenant))
                .as("never shared across tenants")
                .isEqualTo(1);

        JsonPath erased = given().auth()
                .oauth2(TestTokens.forTenant(tenant))
                .contentType("application/json")
                .body("{\"address\":\"maria.lopez@northwind.example\"}")
                .post("/v1/gdpr/erase")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(erased.getInt("erased_messages")).isEqualTo(2);
        assertThat(erased.getInt("erased_contents")).isEqualTo(1);
        assertThat(sharedContents(tenant)).isZero();
        assertRawIsTheOriginal(otherTenant, otherTenantsCopy);
    }

    @Test
    void identicalCampaignBodiesShareOneCopyAndPersonalisedOnesDoNot() throws Exception {
        String tenant = UUID.randomUUID().toString();
        String text = "Our spring webinar is on 3 March. Reply to save a seat.";
        OutboundMailEvent toAda = outbound(tenant, "ada@example.org", text);
        OutboundMailEvent toGrace = outbound(tenant, "grace@example.org", text);
        OutboundMailEvent personal = outbound(tenant, "linus@example.org", "Linus, " + text);
        for (OutboundMailEvent e : new OutboundMailEvent[] {toAda, toGrace, personal}) {
            MailEvents.publishOutbound(bootstrap, MailEvents.newId(), e);
        }
        String token = TestTokens.forTenant(tenant);
        for (OutboundMailEvent e : new OutboundMailEvent[] {toAda, toGrace, personal}) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth()
                    .oauth2(token)
                    .get("/v1/messages/" + e.storageKey())
                    .then()
                    .statusCode(200));
        }
        assertThat(sharedContents(tenant)).isEqualTo(2);
        assertThat(textOf(token, toGrace)).isEqualTo(text);
        assertThat(textOf(token, personal)).isEqualTo("Linus, " + text);
    }

    private static OutboundMailEvent outbound(String tenant, String to, String text) {
        return MailEvents.outbound(
                tenant, "<pm." + UUID.randomUUID() + "@acme.example>", "camp-1", to, to, "Spring webinar", text);
    }

    private static String textOf(String token, OutboundMailEvent e) {
        return given().auth()
                .oauth2(token)
                .get("/v1/messages/" + e.storageKey())
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getString("content_text");
    }

    private void storeInbound(String tenant, MailEvent... events) {
        for (MailEvent e : events) {
            MailEvents.publish(bootstrap, Topics.MAIL_INBOUND, MailEvents.newId(), e);
        }
        String token = TestTokens.forTenant(tenant);
        for (MailEvent e : events) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth()
                    .oauth2(token)
                    .get("/v1/messages/" + e.storageKey())
                    .then()
                    .statusCode(200));
        }
    }

    private static void assertRawIsTheOriginal(String tenant, MailEvent e) {
        byte[] raw = given().auth()
                .oauth2(TestTokens.forTenant(tenant))
                .get("/v1/messages/" + e.storageKey() + "/raw")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        assertThat(raw).isEqualTo(RAW);
    }

    private static JsonPath stats(String tenant) {
        return given().auth()
                .oauth2(TestTokens.forTenant(tenant))
                .get("/v1/storage/stats")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private void expire(String table, String condition, String value) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "UPDATE " + table + " SET expires = now() - interval '1 day' WHERE " + condition)) {
            ps.setString(1, value);
            ps.executeUpdate();
        }
    }

    private long sharedContents(String tenant) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT count(*) FROM shared_contents WHERE tenant_id = ?::uuid")) {
            ps.setString(1, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
