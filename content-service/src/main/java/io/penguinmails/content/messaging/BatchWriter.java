package io.penguinmails.content.messaging;

import io.penguinmails.content.PreparedMessage;
import io.penguinmails.content.service.MessageStorageService;
import io.penguinmails.contracts.DatabaseUnavailable;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.jboss.logging.Logger;

/**
 * Stores a consumed batch: each record is checked and encoded on its own (a bad one becomes a dead letter with its
 * reason), then the good ones are written in one transaction. If that transaction fails, the batch is written again
 * record by record, so that one record the database refuses goes to the dead-letter topic and the others are stored.
 * When the database itself is unreachable, nothing is dead-lettered: the failure goes back to the consumer, which
 * retries the whole batch until the database is back.
 * Exactly-once holds throughout: every write is idempotent by event id and storage key, and the batch's offsets are
 * committed only after this returns.
 */
@ApplicationScoped
public class BatchWriter {

    private static final Logger LOG = Logger.getLogger(BatchWriter.class);
    private static final DatabaseUnavailable DATABASE_UNAVAILABLE = new DatabaseUnavailable();

    private final MessageStorageService storage;
    private final DeadLetters deadLetters;

    BatchWriter(MessageStorageService storage, DeadLetters deadLetters) {
        this.storage = storage;
        this.deadLetters = deadLetters;
    }

    /**
     * Stores every record of a batch that can be stored and dead-letters the others.
     *
     * @param prepare checks and encodes one record; throws when the record cannot be stored
     */
    public void write(
            ConsumerRecords<String, String> records,
            Function<ConsumerRecord<String, String>, PreparedMessage> prepare) {
        List<PreparedMessage> prepared = new ArrayList<>();
        List<ConsumerRecord<String, String>> sources = new ArrayList<>();
        List<DeadLetters.Failure> failures = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            try {
                prepared.add(prepare.apply(record));
                sources.add(record);
            } catch (RuntimeException e) {
                failures.add(new DeadLetters.Failure(record, rethrowIfDatabaseUnavailable(e)));
            }
        }
        try {
            if (!prepared.isEmpty()) {
                storage.store(prepared);
            }
        } catch (RuntimeException e) {
            rethrowIfDatabaseUnavailable(e);
            LOG.warnf("batch of %d failed (%s), storing its records one by one", prepared.size(), e.getMessage());
            failures.addAll(oneByOne(prepared, sources));
        }
        if (!failures.isEmpty()) {
            deadLetters.send(failures);
        }
    }

    private List<DeadLetters.Failure> oneByOne(
            List<PreparedMessage> prepared, List<ConsumerRecord<String, String>> sources) {
        List<DeadLetters.Failure> failures = new ArrayList<>();
        for (int i = 0; i < prepared.size(); i++) {
            try {
                storage.store(List.of(prepared.get(i)));
            } catch (RuntimeException e) {
                failures.add(new DeadLetters.Failure(sources.get(i), rethrowIfDatabaseUnavailable(e)));
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
}
