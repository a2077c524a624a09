package io.penguinmails.ingest.imap;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.penguinmails.contracts.CloudEvent;
import io.penguinmails.contracts.EventJson;
import io.penguinmails.contracts.MailboxChangeEvent;
import io.penguinmails.contracts.Topics;
import io.penguinmails.infra.TestTokens;
import io.penguinmails.ingest.IngestTestResource;
import io.penguinmails.ingest.KafkaProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The {@code mailbox.changes} consumer: idempotent by event id, ordered by occurred_at, strict about the contract. */
@QuarkusTest
@QuarkusTestResource(
        value = IngestTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "penguin_queue_test"))
class MailboxChangeConsumerTest {

    private static final MailboxChangeEvent.Imap IMAP =
            new MailboxChangeEvent.Imap("imap.acme-outreach.example", 993, "tls", "sdr", "v1:AAAA");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    DataSource dataSource;

    @Test
    void redeliveredAndOlderChangesChangeNothing() {
        String tenant = UUID.randomUUID().toString();
        String id = "acct-" + UUID.randomUUID();
        Instant now = Instant.now();
        String created = UUID.randomUUID().toString();
        MailboxChanges.publish(bootstrap, created, MailboxChanges.change("created", tenant, id, "active", IMAP, now));
        // The same event id again, whatever its body, is a redelivery.
        MailboxChanges.publish(
                bootstrap, created, MailboxChanges.change("paused", tenant, id, "paused", null, now.plusSeconds(1)));
        MailboxChangeEvent older = new MailboxChangeEvent(
                1, "updated", tenant, id, "stale@acme-outreach.example", "paused", null, now.minusSeconds(3600));
        String olderId = MailboxChanges.publish(bootstrap, older);

        // Records of one mailbox share a partition, so once the last is applied the earlier ones were too.
        await().atMost(Duration.ofSeconds(30)).until(() -> processed(olderId));
        JsonPath mailbox = given().auth()
                .oauth2(TestTokens.forTenant(tenant))
                .get("/v1/mailboxes/" + id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(mailbox.getString("status")).isEqualTo("active");
        assertThat(mailbox.getString("email")).isEqualTo(id + "@acme-outreach.example");
        assertThat(mailbox.getString("imap.host")).isEqualTo("imap.acme-outreach.example");
        assertThat(mailbox.getString("imap.security")).isEqualTo("tls");
    }

    @Test
    void recordsBreakingTheContractGoToTheDeadLetterTopicWithTheReason() {
        String tenant = UUID.randomUUID().toString();
        String badSchema = "acct-" + UUID.randomUUID();
        String body =
                EventJson.write(MailboxChanges.change("exploded", tenant, badSchema, "active", IMAP, Instant.now()));
        MailboxChanges.publishRaw(bootstrap, badSchema, body, envelope(tenant));

        String otherTenantHeader = "acct-" + UUID.randomUUID();
        MailboxChangeEvent event =
                MailboxChanges.change("created", tenant, otherTenantHeader, "active", IMAP, Instant.now());
        MailboxChanges.publishRaw(
                bootstrap,
                otherTenantHeader,
                EventJson.write(event),
                envelope(UUID.randomUUID().toString()));

        assertThat(reason(badSchema)).contains("breaks its schema");
        assertThat(reason(otherTenantHeader)).contains("differs from body tenant_id");
        given().auth()
                .oauth2(TestTokens.forTenant(tenant))
                .get("/v1/mailboxes")
                .then()
                .statusCode(200)
                .body("mailboxes.size()", equalTo(0));
    }

    @Test
    void aMailboxIdOfAnotherTenantIsNotTakenOver() {
        String owner = UUID.randomUUID().toString();
        String id = "acct-" + UUID.randomUUID();
        MailboxChanges.publish(bootstrap, MailboxChanges.change("created", owner, id, "active", IMAP, Instant.now()));
        String intruder = UUID.randomUUID().toString();
        MailboxChanges.publish(
                bootstrap,
                MailboxChanges.change(
                        "deleted", intruder, id, null, null, Instant.now().plusSeconds(1)));

        assertThat(reason(id)).contains("belongs to another tenant");
        given().auth()
                .oauth2(TestTokens.forTenant(owner))
                .get("/v1/mailboxes/" + id)
                .then()
                .statusCode(200);
    }

    private String reason(String key) {
        List<ConsumerRecord<String, String>> dead =
                KafkaProbe.await(bootstrap, Topics.dlq(Topics.MAILBOX_CHANGES), 1, r -> key.equals(r.key()));
        assertThat(dead).hasSize(1);
        return new String(dead.get(0).headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8);
    }

    private static CloudEvent envelope(String tenant) {
        return new CloudEvent(
                UUID.randomUUID().toString(),
                "io.penguinmails.mailbox.changes.v1",
                "/campaign-service",
                Instant.now(),
                tenant);
    }

    private boolean processed(String eventId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT 1 FROM processed_events WHERE event_id = ?")) {
            ps.setString(1, eventId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
