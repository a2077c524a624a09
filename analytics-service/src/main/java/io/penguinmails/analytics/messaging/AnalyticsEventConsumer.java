package io.penguinmails.analytics.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.penguinmails.analytics.TableSet;
import io.penguinmails.analytics.service.AggregationService;
import io.penguinmails.analytics.service.BatchOutcome;
import io.penguinmails.contracts.DatabaseUnavailable;
import io.penguinmails.contracts.DeadLetter;
import io.penguinmails.contracts.DeadLetterPublisher;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.faulttolerance.api.RetryWhen;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code analytics.events} in batches (the channel's {@code batch=true}): every valid record of a poll is
 * counted in one transaction. A record that breaks the contract (no envelope, not JSON, schema violation, envelope
 * and body naming different tenants) is sent to {@code analytics.events.dlq} with the reason in
 * {@code dead-letter-reason} by a {@link DeadLetterPublisher}, and the rest of its batch still counts.
 *
 * <p>The batch is acknowledged when this method returns, so its offsets are committed only after the database
 * transaction committed; a crash in between redelivers the batch, and the ledger of processed ids makes that
 * harmless.
 */
@ApplicationScoped
public class AnalyticsEventConsumer {

    private final AggregationService aggregation;
    private final DeadLetterPublisher deadLetters;
    private final MeterRegistry registry;

    /** Dead letters go through a producer of their own, with the application's {@code kafka.*} settings. */
    AnalyticsEventConsumer(
            AggregationService aggregation,
            @Identifier("default-kafka-broker") Map<String, Object> kafka,
            MeterRegistry registry) {
        this.aggregation = aggregation;
        this.deadLetters = new DeadLetterPublisher(kafka);
        this.registry = registry;
    }

    /**
     * Counts the valid records (validated by {@link ParsedRecordDeserializer} as they were polled), then
     * dead-letters the invalid ones. The database being away
     * retries the whole batch for up to four minutes, which is harmless since a rolled-back batch counted nothing and a
     * committed one is de-duplicated; an outage that outlasts that leaves the batch to the channel's dead-letter
     * strategy.
     */
    @Incoming("analytics-events-in")
    @Blocking
    @Retry(
            maxRetries = -1,
            delay = 1,
            delayUnit = ChronoUnit.SECONDS,
            maxDuration = 4,
            durationUnit = ChronoUnit.MINUTES)
    @RetryWhen(exception = DatabaseUnavailable.class)
    public void consume(ConsumerRecords<String, ParsedRecord> records) {
        List<AnalyticsRecord> valid = new ArrayList<>(records.count());
        List<DeadLetter> invalid = new ArrayList<>();
        for (ConsumerRecord<String, ParsedRecord> record : records) {
            ParsedRecord parsed = ParsedRecord.of(record);
            if (parsed.isValid()) {
                valid.add(parsed.record());
            } else {
                invalid.add(new DeadLetter(record, parsed.body(), parsed.rejection(), null));
            }
        }
        BatchOutcome outcome = aggregation.countBatch(valid, TableSet.LIVE);
        deadLetters.publish(invalid);
        registry.counter("penguin.analytics.events", "outcome", "counted").increment(outcome.counted());
        registry.counter("penguin.analytics.events", "outcome", "duplicate").increment(outcome.duplicates());
        registry.counter("penguin.analytics.events", "outcome", "dead_lettered").increment(invalid.size());
    }

    @PreDestroy
    void close() {
        deadLetters.close();
    }
}
