package io.penguinmails.content.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.penguinmails.content.ContentTestResource;
import io.penguinmails.content.MailEvents;
import io.penguinmails.contracts.EventSchemas;
import io.penguinmails.contracts.MailEvent;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(
        value = ContentTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "penguin_content_test"))
class RetentionAndErasureTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    DataSource dataSource;

    @Inject
    RetentionService retention;

    @Test
    void purgeDeletesExpiredMessagesAndOnlyTheBlobsNothingElseUses() throws Exception {
        String tenant = UUID.randomUUID().toString();
        MailEvent expiring = MailEvents.twoAttachments(tenant);
        MailEvent kept = sharingThePdf(expiring, "keep@example.org");
        storeAll(tenant, expiring, kept);
        execute(
                "UPDATE email_content SET expires = now() - interval '1 day' WHERE storage_key = ?",
                expiring.storageKey());
        RetentionService.Purged purged = retention.purge();
        assertThat(purged.messages()).isGreaterThanOrEqualTo(1);
        assertThat(purged.blobs()).isGreaterThanOrEqualTo(1);
        String token = TestTokens.forTenant(tenant);
        given().auth()
                .oauth2(token)
                .get("/v1/messages/" + expiring.storageKey())
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(token)
                .get("/v1/messages/" + kept.storageKey())
                .then()
                .statusCode(200);
        assertThat(blobs(tenant)).containsExactly(expiring.attachments().get(0).sha256());
    }

    @Test
    void eraseRemovesAnAddressFromOneTenantAndAuditsItThroughTheOutbox() throws Exception {
        String tenant = UUID.randomUUID().toString();
        MailEvent fromMaria = MailEvents.twoAttachments(tenant);
        MailEvent kept = sharingThePdf(fromMaria, "keep@example.org");
        String otherTenant = UUID.randomUUID().toString();
        MailEvent otherTenantsCopy = MailEvents.twoAttachments(otherTenant);
        storeAll(tenant, fromMaria, kept);
        storeAll(otherTenant, otherTenantsCopy);
        String token = TestTokens.forTenant(tenant);
        JsonPath erased = given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body("{\"address\":\"Maria.Lopez@northwind.example\"}")
                .post("/v1/gdpr/erase")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(erased.getInt("erased_messages")).isEqualTo(1);
        assertThat(erased.getInt("erased_blobs")).isEqualTo(1);
        given().auth()
                .oauth2(token)
                .get("/v1/messages/" + fromMaria.storageKey())
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(token)
                .get("/v1/messages/" + kept.storageKey())
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(TestTokens.forTenant(otherTenant))
                .get("/v1/messages/" + otherTenantsCopy.storageKey())
                .then()
                .statusCode(200);
        assertThat(blobs(tenant)).containsExactly(fromMaria.attachments().get(0).sha256());
        ConsumerRecord<String, String> audit = auditRecordOf(tenant);
        assertThat(EventSchemas.violations(Topics.AUDIT_EVENTS, audit.value())).isEmpty();
        assertThat(audit.value()).contains("\"action\":\"gdpr.erase\"").doesNotContainIgnoringCase("maria");
        assertThat(audit.headers().lastHeader("ce_id")).isNotNull();
    }

    @Test
    void eraseRefusesSomethingThatIsNotAnAddress() {
        given().auth()
                .oauth2(TestTokens.forTenant(UUID.randomUUID().toString()))
                .contentType("application/json")
                .body("{\"address\":\"' OR 1=1 --\"}")
                .post("/v1/gdpr/erase")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400));
    }

    @Test
    void statsCountCompressionAndAttachmentDeduplication() {
        String tenant = UUID.randomUUID().toString();
        MailEvent first = MailEvents.twoAttachments(tenant);
        MailEvent second = sharingThePdf(first, "keep@example.org");
        storeAll(tenant, first, second);
        JsonPath stats = given().auth()
                .oauth2(TestTokens.forTenant(tenant))
                .get("/v1/storage/stats")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        long raw = 2L * MailEvents.resource("two-attachments.eml").length;
        long pdf = first.attachments().get(0).sizeBytes();
        assertThat(stats.getLong("messages")).isEqualTo(2);
        assertThat(stats.getLong("raw_bytes")).isEqualTo(raw);
        assertThat(stats.getLong("stored_bytes")).isPositive().isLessThan(raw);
        assertThat(stats.getDouble("saved_ratio")).isBetween(0.0, 1.0);
        assertThat(stats.getLong("attachments.count")).isEqualTo(3);
        assertThat(stats.getLong("attachments.blobs")).isEqualTo(2);
        assertThat(stats.getLong("attachments.dedup_saved_bytes")).isEqualTo(pdf);
        assertThat(stats.getList("days.messages", Integer.class)).containsExactly(2);
        given().auth()
                .oauth2(TestTokens.forTenant(tenant))
                .queryParam("days", "forever")
                .get("/v1/storage/stats")
                .then()
                .statusCode(400);
    }

    /** Another message of the same tenant whose only attachment is the PDF of {@code e}. */
    private static MailEvent sharingThePdf(MailEvent e, String from) {
        return MailEvents.variant(
                e,
                "<" + UUID.randomUUID() + "@example.org>",
                from,
                List.of(e.attachments().get(0)));
    }

    private void storeAll(String tenant, MailEvent... events) {
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

    private ConsumerRecord<String, String> auditRecordOf(String tenant) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("group.id", "audit-probe-" + UUID.randomUUID());
        props.put("auto.offset.reset", "earliest");
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.AUDIT_EVENTS));
            long deadline = System.currentTimeMillis() + 20_000;
            while (found.isEmpty() && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(300)).forEach(r -> {
                    if (tenant.equals(r.key())) {
                        found.add(r);
                    }
                });
            }
        }
        assertThat(found).as("audit record of the erase").hasSize(1);
        return found.get(0);
    }

    private List<String> blobs(String tenant) throws Exception {
        List<String> result = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT sha256 FROM attachment_blobs WHERE tenant_id = ?::uuid")) {
            ps.setString(1, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(rs.getString(1));
                }
            }
        }
        return result;
    }

    private void execute(String sql, String param) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, param);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
    }
}
