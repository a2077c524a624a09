package io.penguinmails.analytics.service;

import io.penguinmails.analytics.config.AnalyticsConfig;
import io.penguinmails.analytics.messaging.AnalyticsRecord;
import io.penguinmails.analytics.repository.AggregateRepository;
import io.penguinmails.contracts.InvalidEventException;
import io.penguinmails.contracts.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Re-derives every aggregate from {@code analytics.events}: empties the aggregates and the ledger, then replays the
 * topic from its beginning with a fresh consumer group through the live consumer's own validation and counting.
 *
 * <p>The tables are emptied <em>before</em> the end offsets are read, so every event the live consumer counted
 * before the emptying lies below them and is replayed; an event the live consumer counts meanwhile is de-duplicated
 * by its {@code ce_id}, and one past the end offsets is left to the live consumer.
 */
@ApplicationScoped
public class RebuildService {

    private final AggregateRepository aggregates;
    private final AggregationService aggregation;
    private final AnalyticsConfig.Rebuild settings;
    private final String bootstrapServers;
    private final AtomicBoolean running = new AtomicBoolean();

    RebuildService(
            AggregateRepository aggregates,
            AggregationService aggregation,
            AnalyticsConfig config,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.aggregates = aggregates;
        this.aggregation = aggregation;
        this.settings = config.rebuild();
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Rebuilds synchronously.
     *
     * @throws RebuildRunningException when a rebuild is already running in this instance
     */
    public RebuildResult rebuild() {
        if (!running.compareAndSet(false, true)) {
            throw new RebuildRunningException();
        }
        try (KafkaConsumer<String, String> consumer = consumer()) {
            aggregates.emptyAll();
            List<TopicPartition> partitions = assignFromBeginning(consumer);
            return replay(consumer, consumer.endOffsets(partitions));
        } finally {
            running.set(false);
        }
    }

    private List<TopicPartition> assignFromBeginning(KafkaConsumer<String, String> consumer) {
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.ANALYTICS_EVENTS).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return partitions;
    }

    private RebuildResult replay(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> end) {
        RebuildResult.Tally tally = new RebuildResult.Tally();
        Instant deadline = Instant.now().plus(settings.maxDuration());
        while (!reached(consumer, end)) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("rebuild exceeded " + settings.maxDuration());
            }
            for (ConsumerRecord<String, String> record : consumer.poll(settings.pollTimeout())) {
                if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                    apply(record, tally);
                }
            }
        }
        return tally.result();
    }

    /** Invalid records were dead-lettered when first consumed; the replay skips them instead of sending them again. */
    private void apply(ConsumerRecord<String, String> record, RebuildResult.Tally tally) {
        try {
            AnalyticsRecord parsed = AnalyticsRecord.parse(record);
            tally.replayed(aggregation.count(parsed.eventId(), parsed.event()));
        } catch (InvalidEventException e) {
            tally.skipped();
        }
    }

    private static boolean reached(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(entry -> consumer.position(entry.getKey()) >= entry.getValue());
    }

    private KafkaConsumer<String, String> consumer() {
        return new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "analytics-service-rebuild-" + UUID.randomUUID(),
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        "false",
                        ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                        "1000"),
                new StringDeserializer(),
                new StringDeserializer());
    }
}
