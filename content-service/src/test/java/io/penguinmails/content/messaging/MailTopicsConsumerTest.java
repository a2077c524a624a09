package io.penguinmails.content.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.penguinmails.content.ContentTestResource;
import io.penguinmails.content.MailEvents;
import io.penguinmails.contracts.MailEvent;
import io.penguinmails.contracts.Topics;
import io.penguinmails.infra.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
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
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(
        value = ContentTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "penguin_content_test"))
class MailTopicsConsumerTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    DataSource dataSource;

    @Test
    void redeliveredAndReplayedEventsStoreOneCopy() throws Exception {
        String tenant = UUID.randomUUID().toString();
        MailEvent event = MailEvents.twoAttachments(tenant);
        String eventId = MailEvents.newId();
        MailEvents.publish(bootstrap, Topics.MAIL_INBOUND, eventId, event);
        MailEvents.publish(bootstrap, Topics.MAIL_INBOUND, eventId, event);
        MailEvents.publish(bootstrap, Topics.MAIL_INBOUND, MailEvents.newId(), event);
        String token = TestTokens.forTenant(tenant);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth()
                .oauth2(token)
                .get("/v1/messages/" + event.storageKey())
                .then()
                .statusCode(200));
        // Give the two duplicates time to be consumed before counting.
        await().atMost(Duration.ofSeconds(20))
                .until(() -> count("SELECT count(*) FROM processed_events WHERE tenant_id = ?::uuid", tenant) == 2);
        assertThat(count("SELECT count(*) FROM email_messages WHERE tenant_id = ?::uuid", tenant))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM attachments WHERE tenant_id = ?::uuid", tenant))
                .isEqualTo(2);
        assertThat(count("SELECT count(*) FROM attachment_blobs WHERE tenant_id = ?::uuid", tenant))
                .isEqualTo(2);
    }

    @Test
    void aBrokenRecordGoesToTheDlqWithItsReasonAndThePartitionKeepsFlowing() {
        String tenant = UUID.randomUUID().toString();
        MailEvent good = MailEvents.twoAttachments(tenant);
        MailEvents.send(
                bootstrap, new ProducerRecord<>(Topics.MAIL_INBOUND, good.storageKey(), "{\"schema_version\":1}"));
        MailEvents.publish(bootstrap, Topics.MAIL_INBOUND, MailEvents.newId(), good);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth()
                .oauth2(TestTokens.forTenant(tenant))
                .get("/v1/messages/" + good.storageKey())
                .then()
                .statusCode(200)
                .body("attachments", hasSize(2)));
        List<ConsumerRecord<String, String>> dead = readDlq(good.storageKey());
        assertThat(dead).hasSize(1);
        String reason = new String(
                dead.get(0).headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8);
        assertThat(reason).contains("missing header ce_id");
    }

    @Test
    void anAttachmentWhoseBytesDoNotMatchItsDigestIsRefused() {
        String tenant = UUID.randomUUID().toString();
        MailEvent event = MailEvents.twoAttachments(tenant);
        var bad = new MailEvent.Attachment(
                "x.bin", "application/octet-stream", 3, "0".repeat(64), "attachment", null, "AQID");
        MailEvent tampered = new MailEvent(
                1,
                event.storageKey(),
                tenant,
                null,
                "email",
                event.receivedAt(),
                null,
                null,
                List.of(),
                event.from(),
                event.to(),
                List.of(),
                "tampered",
                null,
                null,
                null,
                List.of(),
                List.of(bad),
                event.rawBase64(),
                null,
                null,
                List.of());
        MailEvents.publish(bootstrap, Topics.MAIL_INBOUND, MailEvents.newId(), tampered);
        assertThat(readDlq(event.storageKey())).singleElement().satisfies(r -> assertThat(
                        new String(r.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                .contains("sha256"));
        given().auth()
                .oauth2(TestTokens.forTenant(tenant))
                .get("/v1/messages/" + event.storageKey())
                .then()
                .statusCode(404)
                .body("status", equalTo(404));
    }

    @Test
    void inOneBatchOnlyTheBadRecordsGoToTheDlqAndTheOthersAreStored() {
        String tenant = UUID.randomUUID().toString();
        MailEvent base = MailEvents.twoAttachments(tenant);
        MailEvent first =
                MailEvents.variant(base, "<first-" + UUID.randomUUID() + "@example.org>", "a@example.org", List.of());
        // Refused while preparing: the attachment's bytes do not match its digest.
        MailEvent tampered = MailEvents.variant(
                base,
                "<tampered-" + UUID.randomUUID() + "@example.org>",
                "b@example.org",
                List.of(new MailEvent.Attachment(
                        "x.bin", "application/octet-stream", 3, "0".repeat(64), "attachment", null, "AQID")));
        // Refused by the database (from_email is VARCHAR(320)): found when the batch's transaction fails.
        MailEvent tooLong = MailEvents.variant(
                base, "<long-" + UUID.randomUUID() + "@example.org>", "x".repeat(400) + "@example.org", List.of());
        MailEvent last =
                MailEvents.variant(base, "<last-" + UUID.randomUUID() + "@example.org>", "c@example.org", List.of());
        publishTogether(List.of(first, tampered, tooLong, last));

        String token = TestTokens.forTenant(tenant);
        for (MailEvent stored : List.of(first, last)) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth()
                    .oauth2(token)
                    .get("/v1/messages/" + stored.storageKey())
                    .then()
                    .statusCode(200));
        }
        assertThat(readDlq(tampered.storageKey())).singleElement().satisfies(r -> {
            assertThat(header(r, "dead-letter-reason")).contains("sha256");
            assertThat(header(r, "dead-letter-topic")).isEqualTo(Topics.MAIL_INBOUND);
            assertThat(header(r, "ce_id")).isNotBlank();
        });
        assertThat(readDlq(tooLong.storageKey()))
                .singleElement()
                .satisfies(r -> assertThat(header(r, "dead-letter-reason")).isNotBlank());
        for (MailEvent refused : List.of(tampered, tooLong)) {
            given().auth()
                    .oauth2(token)
                    .get("/v1/messages/" + refused.storageKey())
                    .then()
                    .statusCode(404);
        }
    }

    /** Sends records through one producer and flushes once, so that they are likely consumed in one batch. */
    private void publishTogether(List<MailEvent> events) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("linger.ms", "50");
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<>(
                props,
                new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.StringSerializer())) {
            for (MailEvent e : events) {
                producer.send(new ProducerRecord<>(
                        Topics.MAIL_INBOUND,
                        null,
                        e.storageKey(),
                        io.penguinmails.contracts.EventJson.write(e),
                        new io.penguinmails.contracts.CloudEvent(
                                        MailEvents.newId(),
                                        "io.penguinmails.mail.inbound.v1",
                                        "/test",
                                        java.time.Instant.now(),
                                        e.tenantId())
                                .toHeaders()));
            }
            producer.flush();
        }
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private List<ConsumerRecord<String, String>> readDlq(String key) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("group.id", "dlq-probe-" + UUID.randomUUID());
        props.put("auto.offset.reset", "earliest");
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.dlq(Topics.MAIL_INBOUND)));
            long deadline = System.currentTimeMillis() + 20_000;
            while (found.isEmpty() && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(300)).forEach(r -> {
                    if (key.equals(r.key())) {
                        found.add(r);
                    }
                });
            }
        }
        return found;
    }

    private long count(String sql, String tenant) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
