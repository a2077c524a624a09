package io.penguinmails.content.service;

import io.penguinmails.content.config.TransactionalMailConfig;
import io.penguinmails.content.repository.TenantScope;
import io.penguinmails.content.repository.TransactionalEmailRepository;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Deletes transactional emails sent or failed more than {@code penguin.transactional.keep-days} ago; queued and
 * sending ones stay whatever their age, since the sender still owes them an outcome. Each batch is its own short
 * transaction and replicas share the work through SKIP LOCKED. The queue holds every tenant's mail, so the purge is
 * system work ({@link TenantScope#asSystem}), like the message retention purge.
 */
@ApplicationScoped
public class TransactionalRetentionService {

    private static final Logger LOG = Logger.getLogger(TransactionalRetentionService.class);

    private final TransactionalEmailRepository emails;
    private final TenantScope scope;
    private final TransactionalMailConfig config;

    TransactionalRetentionService(
            TransactionalEmailRepository emails, TenantScope scope, TransactionalMailConfig config) {
        this.emails = emails;
        this.scope = scope;
        this.config = config;
    }

    @Scheduled(
            every = "${penguin.transactional.purge-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduledPurge() {
        int deleted = purge();
        if (deleted > 0) {
            LOG.infof("transactional email purge deleted %d finished emails", deleted);
        }
    }

    /** Deletes every finished email past its retention, one bounded batch per statement; the number deleted. */
    public int purge() {
        int batch = config.purgeBatchSize();
        int total = 0;
        int deleted;
        do {
            deleted = scope.asSystem(
                    "transactional email retention purge", () -> emails.deleteFinished(config.keepDays(), batch));
            total += deleted;
        } while (deleted == batch);
        return total;
    }
}
