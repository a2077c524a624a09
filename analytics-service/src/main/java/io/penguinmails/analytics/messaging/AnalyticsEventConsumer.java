package io.penguinmails.analytics.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.penguinmails.analytics.service.AggregationService;
import io.penguinmails.contracts.AnalyticsEvent;
import io.penguinmails.contracts.CloudEvent;
import io.penguinmails.contracts.EventJson;
import io.penguinmails.contracts.EventSchemas;
import io.penguinmails.contracts.InvalidEventException;
import io.penguinmails.contracts.Topics;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code analytics.events}. A record that breaks the contract (no envelope, not JSON, schema violation,
 * envelope and body naming different tenants) throws {@link InvalidEventException}; the channel's
 * {@code dead-letter-queue} failure strategy then moves it to {@code analytics.events.dlq} with the exception message
 * as the {@code dead-letter-reason} header, and the partition keeps flowing.
 */
@ApplicationScoped
public class AnalyticsEventConsumer {

    private final AggregationService aggregation;
    private final MeterRegistry registry;

    AnalyticsEventConsumer(AggregationService aggregation, MeterRegistry registry) {
        this.aggregation = aggregation;
        this.registry = registry;
    }

    /**
     * Validates and counts one record. Other failures (the database briefly away) are retried before the record is
     * dead-lettered, since retrying an invalid record cannot succeed but retrying an outage usually does.
     */
    @Incoming("analytics-events-in")
    @Blocking
    @Retry(maxRetries = 3, delay = 1000, abortOn = InvalidEventException.class)
    public void consume(ConsumerRecord<String, String> record) {
        CloudEvent envelope = CloudEvent.fromHeaders(record.headers());
        AnalyticsEvent event = readBody(record.value());
        requireSameTenant(envelope, event);
        boolean counted = aggregation.count(envelope.id(), event);
        registry.counter("penguin.analytics.events", "outcome", counted ? "counted" : "duplicate")
                .increment();
    }

    private static AnalyticsEvent readBody(String body) {
        if (body == null) {
            throw new InvalidEventException("record has no body");
        }
        EventSchemas.requireValid(Topics.ANALYTICS_EVENTS, body);
        return EventJson.read(body, AnalyticsEvent.class);
    }

    /** The envelope's tenant is optional, but when present a different body tenant means a broken producer. */
    private static void requireSameTenant(CloudEvent envelope, AnalyticsEvent event) {
        if (envelope.tenantId() != null && !envelope.tenantId().equalsIgnoreCase(event.tenantId())) {
            throw new InvalidEventException("header " + CloudEvent.TENANT + " " + envelope.tenantId()
                    + " differs from body tenant_id " + event.tenantId());
        }
    }
}
