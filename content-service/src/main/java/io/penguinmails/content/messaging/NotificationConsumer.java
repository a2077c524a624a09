package io.penguinmails.content.messaging;

import io.penguinmails.content.service.NotificationService;
import io.penguinmails.contracts.CloudEvent;
import io.penguinmails.contracts.DatabaseUnavailable;
import io.penguinmails.contracts.EventJson;
import io.penguinmails.contracts.EventSchemas;
import io.penguinmails.contracts.InvalidEventException;
import io.penguinmails.contracts.NotificationEvent;
import io.penguinmails.contracts.Topics;
import io.smallrye.faulttolerance.api.RetryWhen;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code notifications} into the notification store. A record that breaks its contract throws, and the
 * channel's dead-letter-queue strategy moves it to {@code notifications.dlq} with the reason.
 */
@ApplicationScoped
public class NotificationConsumer {

    private final NotificationService notifications;

    NotificationConsumer(NotificationService notifications) {
        this.notifications = notifications;
    }

    @Incoming("notifications-in")
    @Blocking(ordered = false)
    @Retry(
            maxRetries = -1,
            delay = 1,
            delayUnit = ChronoUnit.SECONDS,
            maxDuration = 4,
            durationUnit = ChronoUnit.MINUTES)
    @RetryWhen(exception = DatabaseUnavailable.class)
    public void consume(ConsumerRecord<String, String> record) {
        CloudEvent envelope = CloudEvent.fromHeaders(record.headers());
        if (record.value() == null) {
            throw new InvalidEventException("record has no body");
        }
        EventSchemas.requireValid(Topics.NOTIFICATIONS, record.value());
        NotificationEvent event = EventJson.read(record.value(), NotificationEvent.class);
        if (!event.tenantId().equals(record.key())) {
            throw new InvalidEventException("record key and tenant_id differ");
        }
        notifications.store(envelope, event);
    }
}
