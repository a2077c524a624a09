package io.penguinmails.analytics.messaging;

import static org.awaitility.Awaitility.await;

import io.penguinmails.contracts.AnalyticsEvent;
import io.penguinmails.contracts.CloudEvent;
import io.penguinmails.contracts.EventJson;
import io.penguinmails.contracts.Topics;
import io.penguinmails.infra.PenguinTestResource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The test broker's {@code analytics.events} (and {@code audit.events}) as a producer writes them, and their
 * dead-letter topics as an operator reads them.
 */
public final class AnalyticsTopic implements AutoCloseable {

    static final String CE_TYPE = "io.penguinmails.analytics.events.v1";
    static final String AUDIT_CE_TYPE = "io.penguinmails.audit.events.v1";

    private final KafkaProducer<String, String> producer = new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()),
            new StringSerializer(),
            new StringSerializer());

    /** The envelope a producer puts on one event. */
    static Headers envelope(String ceId, String tenantId) {
        return new CloudEvent(ceId, CE_TYPE, "/campaign-service", Instant.now(), tenantId).toHeaders();
    }

    /** A valid body. */
    static String body(String tenantId, String eventType, String campaignId, String mailboxId, Instant occurredAt) {
        return EventJson.write(new AnalyticsEvent(
                AnalyticsEvent.SCHEMA_VERSION,
                eventType,
                tenantId,
                occurredAt,
                campaignId,
                null,
                mailboxId,
                null,
                null));
    }

    /** Sends a valid event with a fresh {@code ce_id}, keyed by tenant like the real producers. */
    public void sendEvent(String tenantId, String eventType, String campaignId, String mailboxId, Instant occurredAt) {
        String ceId = UUID.randomUUID().toString();
        send(tenantId, envelope(ceId, tenantId), body(tenantId, eventType, campaignId, mailboxId, occurredAt));
    }

    /** Sends any event with a fresh {@code ce_id}, keyed by its tenant. */
    public void sendEvent(AnalyticsEvent event) {
        String ceId = UUID.randomUUID().toString();
        send(event.tenantId(), envelope(ceId, event.tenantId()), EventJson.write(event));
    }

    /** Sends any record and waits until the broker has it, so the test's order is the partition's order. */
    void send(String key, Headers headers, String body) {
        sendTo(Topics.ANALYTICS_EVENTS, key, headers, body);
    }

    /** Sends a record without waiting, so that many end up in one batch; {@link #flush} waits for all of them. */
    void sendWithoutWaiting(String key, Headers headers, String body) {
        producer.send(new ProducerRecord<>(Topics.ANALYTICS_EVENTS, null, key, body, headers));
    }

    /** Waits until the broker has every record sent so far. */
    void flush() {
        producer.flush();
    }

    /** Sends any record to a topic and waits until the broker has it. */
    void sendTo(String topic, String key, Headers headers, String body) {
        try {
            producer.send(new ProducerRecord<>(topic, null, key, body, headers)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("producing to " + topic + " failed", e);
        }
    }

    /** Waits until the dead-letter topic holds {@code expected} records with this key, and returns them. */
    static List<ConsumerRecord<String, String>> deadLetters(String key, int expected) {
        return deadLetters(Topics.ANALYTICS_EVENTS, key, expected);
    }

    /** Waits until a topic's dead-letter topic holds {@code expected} records with this key, and returns them. */
    static List<ConsumerRecord<String, String>> deadLetters(String topic, String key, int expected) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = dlqConsumer()) {
            consumer.subscribe(List.of(Topics.dlq(topic)));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                    if (key.equals(record.key())) {
                        found.add(record);
                    }
                });
                return found.size() >= expected;
            });
        }
        return found;
    }

    /** A header's value as text, or null. */
    static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** An event with every attribution field; {@code null} leaves a field out. */
    public static AnalyticsEvent event(
            String tenantId,
            String eventType,
            String campaignId,
            String stepId,
            String mailboxId,
            String leadId,
            String storageKey,
            Instant occurredAt) {
        return new AnalyticsEvent(
                AnalyticsEvent.SCHEMA_VERSION,
                eventType,
                tenantId,
                occurredAt,
                campaignId,
                stepId,
                mailboxId,
                leadId,
                storageKey);
    }

    /** A warm-up event ({@code warmup: true}) of a mailbox; {@code null} leaves a field out. */
    public static AnalyticsEvent warmupEvent(
            String tenantId, String eventType, String mailboxId, String storageKey, Instant occurredAt) {
        return new AnalyticsEvent(
                AnalyticsEvent.SCHEMA_VERSION,
                eventType,
                tenantId,
                occurredAt,
                null,
                null,
                mailboxId,
                null,
                storageKey,
                true);
    }

    /** Sends an event with the given {@code ce_id}, so a test can deliver the same event twice. */
    void sendEvent(String ceId, AnalyticsEvent event) {
        send(event.tenantId(), envelope(ceId, event.tenantId()), EventJson.write(event));
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }

    private static KafkaConsumer<String, String> dlqConsumer() {
        return new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "dlq-reader-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new StringDeserializer(),
                new StringDeserializer());
    }

    private static String bootstrapServers() {
        return PenguinTestResource.sharedBroker().bootstrapServers();
    }
}
