package io.penguinmails.analytics.messaging;

import static io.penguinmails.analytics.messaging.AnalyticsTopic.event;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.penguinmails.analytics.OlapTestResource;
import io.penguinmails.contracts.EventJson;
import io.penguinmails.contracts.Topics;
import io.penguinmails.infra.PenguinTestResource;
import io.penguinmails.infra.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Measures, on demand (excluded from {@code verify} by the pom): events aggregated per second with exactly-once
 * effect (every tenth record is a redelivered copy, which must change nothing), then the p50/p99 latency of the
 * funnel queries on the seeded data. Run:
 * {@code ./mvnw -pl analytics-service test -Dtest=AnalyticsBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@QuarkusTest
@QuarkusTestResource(
        value = OlapTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "penguin_olap_test"))
class AnalyticsBenchmark {

    private static final int DISTINCT_EVENTS = 20_000;
    private static final int QUERIES = 2_000;
    private static final List<String> TYPES = List.of("sent", "delivered", "opened", "clicked", "replied");
    private static final List<String> FUNNEL_PATHS = List.of(
            "/v1/analytics/campaigns/camp-%d", "/v1/analytics/campaigns/camp-%d/steps", "/v1/analytics/mailboxes");

    @Test
    void aggregationThroughputAndFunnelQueryLatency() {
        String tenant = UUID.randomUUID().toString();
        Instant start = Instant.now();
        produce(tenant);
        await().atMost(Duration.ofMinutes(20))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> total(tenant) == DISTINCT_EVENTS);
        double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
        System.out.printf(
                "BENCHMARK aggregation: %d distinct events (+%d duplicates) in %.1f s = %.0f events/s%n",
                DISTINCT_EVENTS, DISTINCT_EVENTS / 10, seconds, DISTINCT_EVENTS / seconds);
        assertThat(total(tenant)).isEqualTo(DISTINCT_EVENTS);
        measureQueries(tenant);
    }

    /** 20 campaigns x 4 steps x 10 mailboxes over 30 days; every tenth record is sent twice with the same ce_id. */
    private static void produce(String tenant) {
        try (KafkaProducer<String, String> producer = producer()) {
            for (int i = 0; i < DISTINCT_EVENTS; i++) {
                String body = EventJson.write(event(
                        tenant,
                        TYPES.get(i % TYPES.size()),
                        "camp-" + (i % 20),
                        "step-" + (i % 4),
                        "mbx-" + (i % 10),
                        "lead-" + i,
                        null,
                        Instant.parse("2025-06-01T12:00:00Z").plus(Duration.ofDays(i % 30))));
                ProducerRecord<String, String> record = new ProducerRecord<>(
                        Topics.ANALYTICS_EVENTS,
                        null,
                        tenant,
                        body,
                        AnalyticsTopic.envelope(UUID.randomUUID().toString(), tenant));
                producer.send(record);
                if (i % 10 == 0) {
                    producer.send(record);
                }
            }
            producer.flush();
        }
    }

    private static void measureQueries(String tenant) {
        String token = TestTokens.forTenant(tenant);
        long[] nanos = new long[QUERIES];
        for (int i = 0; i < QUERIES; i++) {
            String path = FUNNEL_PATHS.get(i % FUNNEL_PATHS.size()).formatted(i % 20);
            long begin = System.nanoTime();
            given().auth().oauth2(token).get(path).then().statusCode(200);
            nanos[i] = System.nanoTime() - begin;
        }
        Arrays.sort(nanos);
        System.out.printf(
                "BENCHMARK funnel queries (campaign, steps, mailboxes; %d requests over HTTP): p50 %.2f ms, p99 %.2f ms%n",
                QUERIES, nanos[QUERIES / 2] / 1e6, nanos[QUERIES * 99 / 100] / 1e6);
    }

    private static long total(String tenant) {
        Map<String, Object> overview = given().auth()
                .oauth2(TestTokens.forTenant(tenant))
                .get("/v1/analytics/overview")
                .as(Map.class);
        return TYPES.stream()
                .mapToLong(type -> ((Number) overview.get(type)).longValue())
                .sum();
    }

    private static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        PenguinTestResource.sharedBroker().bootstrapServers(),
                        ProducerConfig.LINGER_MS_CONFIG,
                        "20"),
                new StringSerializer(),
                new StringSerializer());
    }
}
