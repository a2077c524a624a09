package io.penguinmails.contracts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Applies a consumed batch in one transaction while keeping the topics' per-record contract: each record is checked
 * on its own first (a bad one becomes a dead letter with its reason), then the good ones are applied together. If that
 * fails, the batch is applied again record by record, so that one record the database refuses is dead-lettered and
 * the others are applied. When the database itself is unreachable ({@link DatabaseUnavailable}), nothing is
 * dead-lettered: the failure goes back to the consumer, which retries the whole batch until the database is back.
 *
 * <p>Exactly-once holds as long as the caller's effects are idempotent by event id and the batch's offsets are
 * committed only after {@link #apply} returns: the dead letters are acknowledged by the broker before it does.
 */
public final class BatchApplier implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(BatchApplier.class.getName());
    private static final DatabaseUnavailable DATABASE_UNAVAILABLE = new DatabaseUnavailable();

    private final Consumer<List<DeadLetter>> deadLetters;
    private final AutoCloseable producer;

    /** @param kafka the application's Kafka client settings, for the dead letters' producer */
    public BatchApplier(Map<String, Object> kafka) {
        this(new DeadLetterPublisher(kafka));
    }

    private BatchApplier(DeadLetterPublisher publisher) {
        this(publisher::publish, publisher);
    }

    /** @param deadLetters takes the dead letters of a batch; returns once they are safely stored */
    BatchApplier(Consumer<List<DeadLetter>> deadLetters, AutoCloseable producer) {
        this.deadLetters = deadLetters;
        this.producer = producer;
    }

    /**
     * Applies every record of a batch that can be applied and dead-letters the others.
     *
     * @param prepare checks and reads one record; throws when the record breaks its contract
     * @param applyAll applies prepared records in one transaction
     */
    public <T> void apply(
            Iterable<ConsumerRecord<String, String>> records,
            Function<ConsumerRecord<String, String>, T> prepare,
            Consumer<List<T>> applyAll) {
        List<T> prepared = new ArrayList<>();
        List<ConsumerRecord<String, String>> sources = new ArrayList<>();
        List<DeadLetter> failures = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            try {
                prepared.add(prepare.apply(record));
                sources.add(record);
            } catch (RuntimeException e) {
                failures.add(DeadLetter.of(record, rethrowIfDatabaseUnavailable(e)));
            }
        }
        failures.addAll(applyAll(prepared, sources, applyAll));
        if (!failures.isEmpty()) {
            deadLetters.accept(failures);
        }
    }

    private static <T> List<DeadLetter> applyAll(
            List<T> prepared, List<ConsumerRecord<String, String>> sources, Consumer<List<T>> applyAll) {
        if (prepared.isEmpty()) {
            return List.of();
        }
        try {
            applyAll.accept(prepared);
            return List.of();
        } catch (RuntimeException e) {
            rethrowIfDatabaseUnavailable(e);
            LOG.log(
                    System.Logger.Level.WARNING,
                    "batch of {0} failed ({1}), applying its records one by one",
                    prepared.size(),
                    e.getMessage());
            return oneByOne(prepared, sources, applyAll);
        }
    }

    private static <T> List<DeadLetter> oneByOne(
            List<T> prepared, List<ConsumerRecord<String, String>> sources, Consumer<List<T>> applyAll) {
        List<DeadLetter> failures = new ArrayList<>();
        for (int i = 0; i < prepared.size(); i++) {
            try {
                applyAll.accept(List.of(prepared.get(i)));
            } catch (RuntimeException e) {
                failures.add(DeadLetter.of(sources.get(i), rethrowIfDatabaseUnavailable(e)));
            }
        }
        return failures;
    }

    /** A database outage says nothing about the records: the consumer retries the whole batch instead. */
    private static RuntimeException rethrowIfDatabaseUnavailable(RuntimeException e) {
        if (DATABASE_UNAVAILABLE.test(e)) {
            throw e;
        }
        return e;
    }

    @Override
    public void close() {
        try {
            producer.close();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "closing the dead letters' producer failed", e);
        }
    }
}
