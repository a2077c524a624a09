package io.penguinmails.content.service;

import io.penguinmails.content.config.RetentionConfig;
import io.penguinmails.content.repository.RetentionRepository;
import io.penguinmails.content.repository.TenantScope;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.IntSupplier;
import org.jboss.logging.Logger;

/**
 * Enforces retention: deletes messages past their {@code expires}, then the attachment blobs they alone used. Each
 * batch is its own short transaction, so a purge of millions of rows never holds one long transaction, and replicas
 * running it at once share the work through SKIP LOCKED. Expiry is per row and spans every tenant, so the purge is
 * system work: it runs as the tables' owner through row-level security's {@code system_work} policy.
 */
@ApplicationScoped
public class RetentionService {

    private static final Logger LOG = Logger.getLogger(RetentionService.class);
    private static final String EXPIRY = "the retention purge deletes expired mail of every tenant";

    private final RetentionRepository retention;
    private final TenantScope scope;
    private final RetentionConfig config;

    RetentionService(RetentionRepository retention, TenantScope scope, RetentionConfig config) {
        this.retention = retention;
        this.scope = scope;
        this.config = config;
    }

    @Scheduled(
            every = "${penguin.content.retention.purge-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduledPurge() {
        Purged purged = purge();
        if (purged.messages() + purged.blobs() > 0) {
            LOG.infof("retention purge deleted %d messages and %d blobs", purged.messages(), purged.blobs());
        }
    }

    /** Runs one full purge and says what it deleted. */
    public Purged purge() {
        int batch = config.batchSize();
        int messages = drain(() -> scope.asSystem(EXPIRY, () -> retention.deleteExpired(batch)), batch);
        int blobs = drain(() -> scope.asSystem(EXPIRY, () -> retention.deleteUnreferencedBlobs(batch)), batch);
        return new Purged(messages, blobs);
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
    public record Purged(int messages, int blobs) {}
}
