package io.penguinmails.content.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.penguinmails.content.ContentTestResource;
import io.penguinmails.content.GreenMailResource;
import io.penguinmails.content.MailEvents;
import io.penguinmails.content.NotificationEvents;
import io.penguinmails.contracts.EventJson;
import io.penguinmails.contracts.NotificationEvent;
import io.penguinmails.contracts.Topics;
import io.penguinmails.infra.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(
        value = ContentTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "penguin_content_test"))
@QuarkusTestResource(GreenMailResource.class)
class NotificationConsumerTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    DataSource dataSource;

    @Test
    void aNotificationIsStoredOnceUnderRedelivery() throws Exception {
        String tenant = UUID.randomUUID().toString();
        NotificationEvent event = NotificationEvents.warning(tenant, "Campaign paused");
        String eventId = UUID.randomUUID().toString();
        NotificationEvents.publish(bootstrap, eventId, event);
        RecordMetadata redelivered = NotificationEvents.publish(bootstrap, eventId, event);

        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> NotificationEvents.consumedPast(bootstrap, redelivered));

        assertThat(count("SELECT count(*) FROM notifications WHERE source_event_id = ?", eventId))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM processed_events WHERE event_id = ?", eventId))
                .isEqualTo(1);
        JsonPath page = given().auth()
                .oauth2(TestTokens.forTenant(tenant))
                .get("/v1/notifications")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(page.getList("items")).hasSize(1);
        assertThat(page.getString("items[0].title")).isEqualTo("Campaign paused");
        assertThat(page.getString("items[0].severity")).isEqualTo("warning");
        assertThat(page.getString("items[0].details.bounce_rate")).isEqualTo("0.061");
        assertThat(page.getBoolean("items[0].read")).isFalse();
    }

    @Test
    void anInvalidRecordGoesToTheDlqWithItsReasonAndThePartitionFlowsOn() {
        String tenant = UUID.randomUUID().toString();
        String bogus =
                EventJson.write(NotificationEvents.warning(tenant, "Bad")).replace("\"warning\"", "\"apocalyptic\"");
        NotificationEvents.publish(bootstrap, tenant, UUID.randomUUID().toString(), bogus);
        String otherKey = UUID.randomUUID().toString();
        NotificationEvents.publish(
                bootstrap,
                otherKey,
                UUID.randomUUID().toString(),
                EventJson.write(NotificationEvents.warning(tenant, "Wrong key")));
        NotificationEvents.publish(
                bootstrap, UUID.randomUUID().toString(), NotificationEvents.warning(tenant, "After the bad ones"));

        assertThat(MailEvents.readDlq(bootstrap, Topics.NOTIFICATIONS, tenant))
                .singleElement()
                .satisfies(r -> assertThat(reason(r)).contains("severity"));
        assertThat(MailEvents.readDlq(bootstrap, Topics.NOTIFICATIONS, otherKey))
                .singleElement()
                .satisfies(r -> assertThat(reason(r)).contains("record key and tenant_id differ"));
        String token = TestTokens.forTenant(tenant);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(given().auth()
                        .oauth2(token)
                        .get("/v1/notifications")
                        .then()
                        .extract()
                        .jsonPath()
                        .getList("items.title"))
                .containsExactly("After the bad ones"));
    }

    private static String reason(ConsumerRecord<String, String> record) {
        return new String(record.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8);
    }

    private long count(String sql, String param) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
