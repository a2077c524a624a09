package io.penguinmails.content.messaging;

import io.penguinmails.content.PreparedMessage;
import io.penguinmails.content.service.MessageStorageService;
import io.penguinmails.contracts.BatchApplier;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;

/**
 * Stores a consumed batch in one transaction: each record is checked and encoded on its own (a bad one becomes a
 * dead letter with its reason), then the good ones are stored together, or one by one if the database refuses the
 * batch (see {@link BatchApplier}). Every write is idempotent by event id and storage key, and the batch's offsets are
 * committed only after this returns.
 */
@ApplicationScoped
public class BatchWriter {

    private final MessageStorageService storage;
    private final BatchApplier applier;

    /** Dead letters go through a producer of their own, with the application's {@code kafka.*} settings. */
    BatchWriter(MessageStorageService storage, @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.storage = storage;
        this.applier = new BatchApplier(kafka);
    }

    /**
     * Stores every record of a batch that can be stored and dead-letters the others.
     *
     * @param prepare checks and encodes one record; throws when the record cannot be stored
     */
    public void write(
            ConsumerRecords<String, String> records,
            Function<ConsumerRecord<String, String>, PreparedMessage> prepare) {
        applier.apply(records, prepare, storage::store);
    }

    @PreDestroy
    void close() {
        applier.close();
    }
}
