package io.penguinmails.analytics.service;

import io.penguinmails.analytics.TableSet;
import io.penguinmails.analytics.config.AnalyticsConfig;
import io.penguinmails.analytics.messaging.AnalyticsRecord;
import io.penguinmails.analytics.messaging.ParsedRecord;
import io.penguinmails.analytics.messaging.ParsedRecordDeserializer;
import io.penguinmails.analytics.repository.RebuildTablesRepository;
import io.penguinmails.contracts.Topics;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Re-derives every aggregate from {@code analytics.events} in the background, without the API ever showing partial
 * numbers and without the live consumer counting anything twice.
 *
 * <p>The replay goes into empty shadow copies of the counted tables ({@link TableSet#SHADOW}, ledger and unique
 * engagements included) with its own consumer (a fresh group, assigned every partition from the beginning) and the
 * live consumer's validation and batch counting; the live consumer keeps counting into the live tables meanwhile.
 * Once the replay has caught up with the topic's end, one transaction takes the swap lock exclusively (every live
 * batch holds it shared, so running batches finish first and new ones wait, on every replica), replays what was
 * appended since, and swaps the shadow tables in. At that moment the shadow tables hold every record the topic holds,
 * so everything the live consumer counted before the swap is in them; whatever it processes after the swap is
 * de-duplicated by the swapped-in ledger.
 */
@ApplicationScoped
public class RebuildService {

    private static final Logger LOG = Logger.getLogger(RebuildService.class);

    private final AggregationService aggregation;
    private final RebuildTablesRepository tables;
    private final AnalyticsConfig.Rebuild settings;
    private final Map<String, Object> kafka;
    private final Map<UUID, RebuildRun> runs = new ConcurrentHashMap<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "analytics-rebuild");
        thread.setDaemon(true);
        return thread;
    });
    private RebuildRun current;

    RebuildService(
            AggregationService aggregation,
            RebuildTablesRepository tables,
            AnalyticsConfig config,
            @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.aggregation = aggregation;
        this.tables = tables;
        this.settings = config.rebuild();
        this.kafka = kafka;
    }

    /**
     * Starts a rebuild in the background.
     *
     * @return its status, to be followed with {@link #status}
     * @throws RebuildRunningException when a rebuild is already running in this instance
     */
    public synchronized RebuildStatus start() {
        if (current != null && current.running()) {
            throw new RebuildRunningException();
        }
        RebuildRun run = new RebuildRun();
        current = run;
        runs.put(run.id(), run);
        worker.execute(() -> execute(run));
        return run.status();
    }

    /** The status of a rebuild started in this instance. */
    public Optional<RebuildStatus> status(UUID rebuildId) {
        return Optional.ofNullable(runs.get(rebuildId)).map(RebuildRun::status);
    }

    private void execute(RebuildRun run) {
        try (KafkaConsumer<String, ParsedRecord> consumer = consumer()) {
            tables.createShadow();
            List<TopicPartition> partitions = assignFromBeginning(consumer);
            run.total(sum(consumer.endOffsets(partitions)) - sum(consumer.beginningOffsets(partitions)));
            Instant deadline = Instant.now().plus(settings.maxDuration());
            // The bulk, then what arrived during the bulk, both without blocking the live consumer.
            replayUntil(consumer, consumer.endOffsets(partitions), run, deadline);
            replayUntil(consumer, consumer.endOffsets(partitions), run, deadline);
            QuarkusTransaction.requiringNew()
                    .timeout((int) settings.swapTimeout().toSeconds())
                    .run(() -> {
                        tables.holdExclusiveSwapLock();
                        replayUntil(consumer, consumer.endOffsets(partitions), run, deadline);
                        tables.swap();
                    });
            run.completed();
            LOG.infof("rebuild %s completed: %s", run.id(), run.status());
        } catch (RuntimeException e) {
            LOG.errorf(e, "rebuild %s failed; the live tables are unchanged", run.id());
            run.failed(e);
            dropShadow();
        }
    }

    private List<TopicPartition> assignFromBeginning(KafkaConsumer<String, ParsedRecord> consumer) {
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.ANALYTICS_EVENTS).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return partitions;
    }

    /**
     * Counts every polled record until each partition's position reaches {@code end}. Records past {@code end} count
     * too: they are in the topic, so the swapped-in ledger must know them.
     */
    private void replayUntil(
            KafkaConsumer<String, ParsedRecord> consumer,
            Map<TopicPartition, Long> end,
            RebuildRun run,
            Instant deadline) {
        while (!reached(consumer, end)) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("rebuild exceeded " + settings.maxDuration());
            }
            countBatch(consumer.poll(settings.pollTimeout()), run);
        }
    }

    /** Invalid records were dead-lettered when first consumed; the replay skips them instead of sending them again. */
    private void countBatch(ConsumerRecords<String, ParsedRecord> records, RebuildRun run) {
        List<AnalyticsRecord> valid = new ArrayList<>(records.count());
        for (ConsumerRecord<String, ParsedRecord> record : records) {
            ParsedRecord parsed = ParsedRecord.of(record);
            if (parsed.isValid()) {
                valid.add(parsed.record());
            }
        }
        BatchOutcome outcome = aggregation.countBatch(valid, TableSet.SHADOW);
        run.batch(records.count(), outcome, records.count() - valid.size());
    }

    private static boolean reached(KafkaConsumer<String, ParsedRecord> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(entry -> consumer.position(entry.getKey()) >= entry.getValue());
    }

    private static long sum(Map<TopicPartition, Long> offsets) {
        return offsets.values().stream().mapToLong(Long::longValue).sum();
    }

    private void dropShadow() {
        try {
            tables.dropShadow();
        } catch (RuntimeException e) {
            LOG.warn("dropping the shadow tables failed; the next rebuild drops them", e);
        }
    }

    /** Uses the application's {@code kafka.*} settings; a fresh group that never commits. */
    private KafkaConsumer<String, ParsedRecord> consumer() {
        Map<String, Object> config = new HashMap<>(kafka);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "analytics-service-rebuild-" + UUID.randomUUID());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(settings.maxPollRecords()));
        return new KafkaConsumer<>(config, new StringDeserializer(), new ParsedRecordDeserializer());
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
