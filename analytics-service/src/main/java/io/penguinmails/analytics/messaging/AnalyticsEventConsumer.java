package io.penguinmails.analytics.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.penguinmails.analytics.TableSet;
import io.penguinmails.analytics.service.AggregationService;
import io.penguinmails.analytics.service.BatchOutcome;
import io.penguinmails.contracts.InvalidEventException;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code analytics.events} in batches (the channel's {@code batch=true}): every valid record of a poll is
 * counted in one transaction. A record that breaks the contract (no envelope, not JSON, schema violation, envelope
 * and body naming different tenants) is sent to {@code analytics.events.dlq} with the reason in
 * {@code dead-letter-reason} by {@link DeadLetterProducer}, and the rest of its batch still counts.
 *
 * <p>The batch is acknowledged when this method returns, so its offsets are committed only after the database
 * transaction committed; a crash in between redelivers the batch, and the ledger of processed ids makes that
 * harmless.
 */
@ApplicationScoped
public class AnalyticsEventConsumer {

    private final AggregationService aggregation;
    private final DeadLetterProducer deadLetters;
    private final MeterRegistry registry;

    AnalyticsEventConsumer(AggregationService aggregation, DeadLetterProducer deadLetters, MeterRegistry registry) {
        this.aggregation = aggregation;
        this.deadLetters = deadLetters;
        this.registry = registry;
    }

    /**
     * Validates each record, counts the valid ones, then dead-letters the invalid ones. A failure (the database
     * briefly away) retries the whole batch, which is harmless since a rolled-back batch counted nothing and a
     * committed one is de-duplicated; one that persists leaves the batch to the channel's dead-letter strategy.
     */
    @Incoming("analytics-events-in")
    @Blocking
    @Retry(maxRetries = 3, delay = 1000)
    public void consume(ConsumerRecords<String, String> records) {
        List<AnalyticsRecord> valid = new ArrayList<>(records.count());
        List<DeadLetterProducer.Rejected> invalid = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            try {
                valid.add(AnalyticsRecord.parse(record));
            } catch (InvalidEventException e) {
                invalid.add(new DeadLetterProducer.Rejected(record, e.getMessage()));
            }
        }
        BatchOutcome outcome = aggregation.countBatch(valid, TableSet.LIVE);
        deadLetters.send(invalid);
        registry.counter("penguin.analytics.events", "outcome", "counted").increment(outcome.counted());
        registry.counter("penguin.analytics.events", "outcome", "duplicate").increment(outcome.duplicates());
        registry.counter("penguin.analytics.events", "outcome", "dead_lettered").increment(invalid.size());
    }
}
