package io.penguinmails.campaign.engagement;

import static org.awaitility.Awaitility.await;

import io.penguinmails.contracts.AnalyticsEvent;
import io.penguinmails.contracts.EventJson;
import io.penguinmails.contracts.Topics;
import io.penguinmails.infra.PenguinTestResource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads what the outbox relay published on a topic for one tenant. */
final class AnalyticsProbe {

    private AnalyticsProbe() {}

    /**
     * The tenant's analytics events, read from the start of the topic until {@code expected} arrived and then a
     * further quiet period, so that a duplicate published late would be seen too.
     */
    static List<AnalyticsEvent> analyticsOf(UUID tenantId, int expected) {
        return recordsOf(Topics.ANALYTICS_EVENTS, tenantId, expected).stream()
                .map(body -> EventJson.read(body, AnalyticsEvent.class))
                .toList();
    }

    /** The bodies of a topic's records keyed by the tenant, read as {@link #analyticsOf} does. */
    static List<String> recordsOf(String topic, UUID tenantId, int expected) {
        List<String> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties())) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                poll(consumer, tenantId, found, 500);
                return found.size() >= expected;
            });
            long quietUntil = System.currentTimeMillis() + 3_000;
            while (System.currentTimeMillis() < quietUntil) {
                poll(consumer, tenantId, found, 300);
            }
        }
        return found;
    }

    private static void poll(KafkaConsumer<String, String> consumer, UUID tenantId, List<String> found, long millis) {
        consumer.poll(Duration.ofMillis(millis)).forEach(record -> {
            if (tenantId.toString().equals(record.key())) {
                found.add(record.value());
            }
        });
    }

    private static Properties properties() {
        Properties props = new Properties();
        props.putAll(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        PenguinTestResource.sharedBroker().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "engagement-probe-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()));
        return props;
    }
}
