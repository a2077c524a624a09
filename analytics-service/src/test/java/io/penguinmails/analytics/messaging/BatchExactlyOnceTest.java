package io.penguinmails.analytics.messaging;

import static io.penguinmails.analytics.messaging.AnalyticsTopic.event;
import static io.penguinmails.analytics.messaging.Eventually.eventually;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.is;

import io.penguinmails.analytics.OlapTestResource;
import io.penguinmails.contracts.AnalyticsEvent;
import io.penguinmails.contracts.EventJson;
import io.penguinmails.contracts.Topics;
import io.penguinmails.infra.PenguinTestResource;
import io.penguinmails.infra.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Batch consumption counts every event exactly once: redeliveries inside one batch and across batches, a batch whose
 * transaction dies half-way, and a batch redelivered after it committed (a crash before the offset commit).
 */
@QuarkusTest
@QuarkusTestResource(
        value = OlapTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "penguin_olap_test"))
class BatchExactlyOnceTest {

    private static final List<String> TYPES =
            List.of("sent", "delivered", "opened", "clicked", "replied", "bounced", "unsubscribed");
    private static final List<String> COUNTERS =
            List.of("sent", "delivered", "opened", "clicked", "replied", "bounced", "unsubscribed", "complained");
    private static final Instant JUNE_1 = Instant.parse("2025-06-01T09:00:00Z");

    private static AnalyticsTopic topic;

    @Inject
    AnalyticsEventConsumer consumer;

    @BeforeAll
    static void openTopic() {
        topic = new AnalyticsTopic();
    }

    @AfterAll
    static void closeTopic() {
        topic.close();
    }

    @Test
    void thousandsOfEventsWithRedeliveriesCountExactlyOnceAndEveryViewAddsUp() {
        String tenant = UUID.randomUUID().toString();
        List<Sent> events = mixedEvents(tenant, 3_000);
        for (int i = 0; i < events.size(); i++) {
            send(tenant, events.get(i));
            if (i % 5 == 0) {
                // Redelivered at once: usually in the same batch.
                send(tenant, events.get(i));
            }
        }
        for (int i = 0; i < events.size(); i += 7) {
            // Redelivered later: in a later batch.
            send(tenant, events.get(i));
        }
        topic.flush();
        // Same key, same partition: once this marker shows, every record before it has been processed.
        topic.sendEvent(event(tenant, "complained", "camp-marker", null, null, null, null, JUNE_1));
        eventually(() ->
                api(tenant).get("/v1/analytics/campaigns/camp-marker").then().body("complained", is(1)));

        Map<String, Map<String, Integer>> expected = expectedTotals(events);
        for (String campaign : expected.keySet()) {
            JsonPath totals =
                    api(tenant).get("/v1/analytics/campaigns/" + campaign).jsonPath();
            for (String counter : COUNTERS) {
                assertThat(totals.getInt(counter))
                        .as(campaign + " " + counter)
                        .isEqualTo(expected.get(campaign).getOrDefault(counter, 0));
            }
            assertAddsUp(tenant, campaign, totals);
        }
    }

    @Test
    void aBatchWhoseTransactionDiesHalfwayCountsNothingAndItsRedeliveryCountsOnce() {
        String tenant = UUID.randomUUID().toString();
        ConsumerRecords<String, ParsedRecord> batch = records(tenant, mixedEvents(tenant, 200));

        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
                    consumer.consume(batch);
                    throw new IllegalStateException("killed after the batch's statements, before the commit");
                }))
                .hasMessageContaining("killed");
        api(tenant).get("/v1/analytics/overview").then().body("sent", is(0)).body("opened", is(0));

        consumer.consume(batch);
        String afterFirstDelivery =
                api(tenant).get("/v1/analytics/campaigns/camp-0").asString();
        consumer.consume(batch);

        assertThat(api(tenant).get("/v1/analytics/campaigns/camp-0").asString()).isEqualTo(afterFirstDelivery);
        api(tenant)
                .get("/v1/analytics/campaigns/camp-0")
                .then()
                .body(
                        "sent",
                        is(expectedTotals(mixedEvents(tenant, 200))
                                .get("camp-0")
                                .get("sent")));
    }

    @Test
    void recordsRedeliveredByTheBrokerAfterTheirBatchCommittedChangeNothing() {
        String tenant = UUID.randomUUID().toString();
        List<Sent> events = mixedEvents(tenant, 500);
        events.forEach(each -> send(tenant, each));
        topic.flush();
        topic.sendEvent(event(tenant, "complained", "camp-marker", null, null, null, null, JUNE_1));
        eventually(() ->
                api(tenant).get("/v1/analytics/campaigns/camp-marker").then().body("complained", is(1)));
        List<String> before = snapshot(tenant);

        // As if the service died after the database commit and before the offset commit: the broker hands the
        // same records to the next consumer of the group, which processes them again.
        consumer.consume(readBack(tenant, events.size() + 1));

        assertThat(snapshot(tenant)).isEqualTo(before);
    }

    private static void send(String tenant, Sent event) {
        topic.sendWithoutWaiting(tenant, AnalyticsTopic.envelope(event.ceId(), tenant), event.body());
    }

    /** One event of the stream, as produced. */
    private record Sent(String ceId, AnalyticsEvent event, String body) {}

    /**
     * Events over 5 campaigns, 3 steps, 4 mailboxes and 10 days; opens and clicks name one of 150 messages, so most
     * of them repeat a message's engagement and must not count. Deterministic ids for a given tenant.
     */
    private static List<Sent> mixedEvents(String tenant, int count) {
        List<Sent> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            AnalyticsEvent event = event(
                    tenant,
                    TYPES.get(i % TYPES.size()),
                    "camp-" + (i % 5),
                    "step-" + (i % 3),
                    "mbx-" + (i % 4),
                    "lead-" + i,
                    "msg-" + (i % 150),
                    JUNE_1.plus(Duration.ofHours(7L * (i % 34))));
            events.add(new Sent(
                    UUID.nameUUIDFromBytes((tenant + i).getBytes(StandardCharsets.UTF_8))
                            .toString(),
                    event,
                    EventJson.write(event)));
        }
        return events;
    }

    /** Per campaign and counter: every distinct event counts, opens and clicks only the first of each message. */
    private static Map<String, Map<String, Integer>> expectedTotals(List<Sent> events) {
        Map<String, Map<String, Integer>> totals = new HashMap<>();
        Set<String> engaged = new HashSet<>();
        for (Sent each : events) {
            AnalyticsEvent event = each.event();
            boolean engagement =
                    event.eventType().equals("opened") || event.eventType().equals("clicked");
            if (!engagement || engaged.add(event.eventType() + "/" + event.storageKey())) {
                totals.computeIfAbsent(event.campaignId(), unused -> new HashMap<>())
                        .merge(event.eventType(), 1, Integer::sum);
            }
        }
        return totals;
    }

    /** A campaign's totals equal the sum of its steps and the sum of its days. */
    private static void assertAddsUp(String tenant, String campaign, JsonPath totals) {
        JsonPath steps = api(tenant)
                .get("/v1/analytics/campaigns/" + campaign + "/steps")
                .jsonPath();
        JsonPath days = api(tenant)
                .get("/v1/analytics/daily?campaign_id=" + campaign + "&from=2025-05-01&to=2025-07-31")
                .jsonPath();
        for (String counter : COUNTERS) {
            assertThat(sum(steps.getList("steps." + counter)))
                    .as("steps' " + counter)
                    .isEqualTo(totals.getInt(counter));
            assertThat(sum(days.getList("days." + counter)))
                    .as("days' " + counter)
                    .isEqualTo(totals.getInt(counter));
        }
    }

    private static ConsumerRecords<String, ParsedRecord> records(String tenant, List<Sent> events) {
        TopicPartition partition = new TopicPartition(Topics.ANALYTICS_EVENTS, 0);
        List<ConsumerRecord<String, ParsedRecord>> records = new ArrayList<>();
        for (Sent each : events) {
            RecordHeaders headers = new RecordHeaders(
                    AnalyticsTopic.envelope(each.ceId(), tenant).toArray());
            ParsedRecord value = new ParsedRecordDeserializer()
                    .deserialize(Topics.ANALYTICS_EVENTS, headers, each.body().getBytes(StandardCharsets.UTF_8));
            records.add(new ConsumerRecord<>(
                    Topics.ANALYTICS_EVENTS,
                    0,
                    records.size(),
                    ConsumerRecord.NO_TIMESTAMP,
                    TimestampType.NO_TIMESTAMP_TYPE,
                    ConsumerRecord.NULL_SIZE,
                    ConsumerRecord.NULL_SIZE,
                    tenant,
                    value,
                    headers,
                    Optional.empty()));
        }
        return new ConsumerRecords<>(Map.of(partition, records), Map.of());
    }

    /** The tenant's records as the broker hands them out again, read with a consumer of a new group. */
    private static ConsumerRecords<String, ParsedRecord> readBack(String tenant, int expected) {
        Map<TopicPartition, List<ConsumerRecord<String, ParsedRecord>>> found = new HashMap<>();
        try (KafkaConsumer<String, ParsedRecord> reader = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        PenguinTestResource.sharedBroker().bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "redelivery-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new StringDeserializer(),
                new ParsedRecordDeserializer())) {
            reader.subscribe(List.of(Topics.ANALYTICS_EVENTS));
            eventually(() -> {
                reader.poll(Duration.ofMillis(500)).forEach(record -> {
                    if (tenant.equals(record.key())) {
                        found.computeIfAbsent(
                                        new TopicPartition(record.topic(), record.partition()),
                                        unused -> new ArrayList<>())
                                .add(record);
                    }
                });
                assertThat(found.values().stream().mapToInt(List::size).sum()).isEqualTo(expected);
            });
        }
        return new ConsumerRecords<>(found, Map.of());
    }

    private static List<String> snapshot(String tenant) {
        return List.of(
                        "/v1/analytics/campaigns/camp-0",
                        "/v1/analytics/campaigns/camp-3/steps",
                        "/v1/analytics/mailboxes",
                        "/v1/analytics/overview",
                        "/v1/analytics/daily?from=2025-05-01&to=2025-07-31")
                .stream()
                .map(path ->
                        api(tenant).get(path).then().statusCode(200).extract().asString())
                .toList();
    }

    private static int sum(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).sum();
    }

    private static RequestSpecification api(String tenant) {
        return given().auth().oauth2(TestTokens.forTenant(tenant));
    }
}
