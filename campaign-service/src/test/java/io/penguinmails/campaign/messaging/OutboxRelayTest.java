package io.penguinmails.campaign.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.penguinmails.campaign.KeyDirResource;
import io.penguinmails.campaign.TestApi;
import io.penguinmails.contracts.AuditEvent;
import io.penguinmails.contracts.CloudEvent;
import io.penguinmails.contracts.EventJson;
import io.penguinmails.contracts.EventSchemas;
import io.penguinmails.contracts.Topics;
import io.penguinmails.infra.PenguinTestResource;
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
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(
        value = PenguinTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "penguin_oltp_test"))
@QuarkusTestResource(KeyDirResource.class)
class OutboxRelayTest {

    private static final Duration ARRIVAL = Duration.ofSeconds(30);

    @Inject
    DataSource dataSource;

    @Test
    void tenantCreationAndTokenIssueArriveOnTheAuditTopic() {
        String tenantId = TestApi.createTenant("Audited");
        TestApi.issueToken(tenantId);

        List<ConsumerRecord<String, String>> records = auditRecordsOf(tenantId, 2);

        assertThat(records)
                .extracting(record ->
                        EventJson.read(record.value(), AuditEvent.class).action())
                .containsExactly("tenant.created", "token.issued");
        for (ConsumerRecord<String, String> record : records) {
            assertThat(record.key()).isEqualTo(tenantId);
            assertThat(EventSchemas.violations(Topics.AUDIT_EVENTS, record.value()))
                    .isEmpty();
            CloudEvent envelope = CloudEvent.fromHeaders(record.headers());
            assertThat(envelope.type()).isEqualTo("io.penguinmails.audit.events.v1");
            assertThat(envelope.source()).isEqualTo("/campaign-service");
            assertThat(envelope.tenantId()).isEqualTo(tenantId);
            assertThat(header(record, CloudEvent.SPEC_VERSION)).isEqualTo("1.0");
            assertThat(EventJson.read(record.value(), AuditEvent.class).actor()).isEqualTo("admin");
        }
    }

    @Test
    void eachRecordCarriesItsOutboxRowIdAndTheRowIsMarkedPublished() {
        String tenantId = TestApi.createTenant("Relayed");

        List<ConsumerRecord<String, String>> records = auditRecordsOf(tenantId, 1);
        String ceId = CloudEvent.fromHeaders(records.get(0).headers()).id();

        await().atMost(ARRIVAL)
                .untilAsserted(() -> assertThat(publishedOutboxIds(tenantId)).containsExactly(ceId));
    }

    /** Reads {@code audit.events} from the start until {@code count} records of the tenant arrived. */
    private static List<ConsumerRecord<String, String>> auditRecordsOf(String tenantId, int count) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProperties())) {
            consumer.subscribe(List.of(Topics.AUDIT_EVENTS));
            await().atMost(ARRIVAL).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                    if (tenantId.equals(record.key())) {
                        found.add(record);
                    }
                });
                return found.size() >= count;
            });
        }
        return found;
    }

    private static Properties consumerProperties() {
        Properties props = new Properties();
        props.putAll(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        PenguinTestResource.sharedBroker().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "outbox-relay-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()));
        return props;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private List<String> publishedOutboxIds(String tenantId) throws Exception {
        String sql = "SELECT id FROM outbox WHERE tenant_id = ? AND published IS NOT NULL";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, UUID.fromString(tenantId));
            try (ResultSet rs = select.executeQuery()) {
                List<String> ids = new ArrayList<>();
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
                return ids;
            }
        }
    }
}
