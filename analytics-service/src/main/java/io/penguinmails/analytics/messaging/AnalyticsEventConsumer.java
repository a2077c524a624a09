package io.penguinmails.analytics.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.penguinmails.analytics.service.AggregationService;
import io.penguinmails.contracts.InvalidEventException;
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
        AnalyticsRecord parsed = AnalyticsRecord.parse(record);
        boolean counted = aggregation.count(parsed.eventId(), parsed.event());
        registry.counter("penguin.analytics.events", "outcome", counted ? "counted" : "duplicate")
                .increment();
    }
}
