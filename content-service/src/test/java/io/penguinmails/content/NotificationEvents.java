package io.penguinmails.content;

import io.penguinmails.contracts.CloudEvent;
import io.penguinmails.contracts.EventJson;
import io.penguinmails.contracts.NotificationEvent;
import io.penguinmails.contracts.Topics;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishes notification events the way other services do, and reads how far content-service has consumed them. */
public final class NotificationEvents {

    /** content-service's consumer group on {@code notifications}. */
    public static final String GROUP = "content-service.notifications";

    private NotificationEvents() {}

    /** A warning for a tenant, occurring now, without expiry. */
    public static NotificationEvent warning(String tenantId, String title) {
        return new NotificationEvent(
                NotificationEvent.SCHEMA_VERSION,
                tenantId,
                "campaign.paused",
                "warning",
                title,
                "Bounce rate above 5%",
                "camp-1",
                Map.of("bounce_rate", "0.061"),
                Instant.now(),
                null);
    }

    /** Publishes a body with an envelope of the given id, keyed by {@code key}, and answers where it landed. */
    public static RecordMetadata publish(String bootstrap, String key, String eventId, String body) {
        CloudEvent envelope =
                new CloudEvent(eventId, "io.penguinmails.notifications.v1", "/campaign-service", Instant.now(), key);
        ProducerRecord<String, String> record =
                new ProducerRecord<>(Topics.NOTIFICATIONS, null, key, body, envelope.toHeaders());
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        try (var producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            return producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Publishes an event keyed by its tenant. */
    public static RecordMetadata publish(String bootstrap, String eventId, NotificationEvent event) {
        return publish(bootstrap, event.tenantId(), eventId, EventJson.write(event));
    }

    /** True once content-service has committed its offset past a record, i.e. finished with it for good. */
    public static boolean consumedPast(String bootstrap, RecordMetadata record) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        try (AdminClient admin = AdminClient.create(props)) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP)
                    .partitionsToOffsetAndMetadata()
                    .get();
            OffsetAndMetadata offset = committed.get(new TopicPartition(record.topic(), record.partition()));
            return offset != null && offset.offset() > record.offset();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
