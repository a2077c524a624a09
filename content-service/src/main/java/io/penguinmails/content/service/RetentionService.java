package io.penguinmails.content.service;

import io.penguinmails.content.config.CompressionConfig;
import io.penguinmails.content.config.RetentionConfig;
import io.penguinmails.content.repository.RetentionRepository;
import io.penguinmails.content.repository.TenantScope;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.IntSupplier;
import org.jboss.logging.Logger;

/**
 * Enforces retention: deletes messages past their {@code expires}, then the attachment blobs and the superseded
 * compression dictionaries they alone used. Each batch is its own short transaction, so a purge of millions of rows
 * never holds one long transaction, and replicas running it at once share the work through SKIP LOCKED. Expiry is per
 * row and spans every tenant, so the purge is system work: it runs as the tables' owner through row-level security's
 * {@code system_work} policy.
 */
@ApplicationScoped
public class RetentionService {

    private static final Logger LOG = Logger.getLogger(RetentionService.class);
    private static final String EXPIRY = "the retention purge deletes expired mail of every tenant";
    private static final String DICTIONARIES = "the retention purge deletes every tenant's unused dictionaries";

    private final RetentionRepository retention;
    private final TenantScope scope;
    private final RetentionConfig config;
    private final CompressionConfig compression;

    RetentionService(
            RetentionRepository retention, TenantScope scope, RetentionConfig config, CompressionConfig compression) {
        this.retention = retention;
        this.scope = scope;
        this.config = config;
        this.compression = compression;
    }

    @Scheduled(
            every = "${penguin.content.retention.purge-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduledPurge() {
        Purged purged = purge();
        if (purged.messages() + purged.contents() + purged.blobs() + purged.dictionaries() > 0) {
            LOG.infof(
                    "retention purge deleted %d messages, %d shared contents, %d blobs and %d dictionaries",
                    purged.messages(), purged.contents(), purged.blobs(), purged.dictionaries());
        }
    }

    /**
     * Runs one full purge and says what it deleted: expired messages first, then what only they used (attachment
     * blobs, superseded compression dictionaries).
     */
    public Purged purge() {
        int batch = config.batchSize();
        int messages = drain(() -> scope.asSystem(EXPIRY, () -> retention.deleteExpired(batch)), batch);
        int contents = drain(() -> scope.asSystem(EXPIRY, () -> retention.deleteExpiredContents(batch)), batch);
        int blobs = drain(() -> scope.asSystem(EXPIRY, () -> retention.deleteUnreferencedBlobs(batch)), batch);
        int dictionaries = drain(
                () -> scope.asSystem(
                        DICTIONARIES, () -> retention.deleteUnusedDictionaries(compression.keepSuperseded(), batch)),
                batch);
        return new Purged(messages, contents, blobs, dictionaries);
    }

    /** Repeats a batch until one comes back short. */
    private static int drain(IntSupplier deleteBatch, int batch) {
        int total = 0;
        int deleted;
        do {
            deleted = deleteBatch.getAsInt();
            total += deleted;
        } while (deleted == batch);
        return total;
    }

    /** What a purge deleted. */
    public record Purged(int messages, int contents, int blobs, int dictionaries) {}
}
