package io.penguinmails.ingest.service.imap;

import io.penguinmails.ingest.config.ImapConfig;
import io.penguinmails.ingest.repository.MailboxRepository;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.mail.AuthenticationFailedException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Polls every active mailbox on its schedule. Each tick claims as many due mailboxes as there are free connections
 * ({@code max-connections}) and polls them on a pool of that size, so a replica never holds more IMAP connections than
 * configured and the scheduler thread never waits on a server. A failed poll is recorded on the mailbox and retried
 * with exponential backoff.
 */
@ApplicationScoped
public class ImapPoller {

    private static final Logger LOG = Logger.getLogger(ImapPoller.class);

    private final ImapFetcher fetcher;
    private final MailboxRepository mailboxes;
    private final ImapConfig.Imap config;
    private final ExecutorService pool;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;

    ImapPoller(ImapFetcher fetcher, MailboxRepository mailboxes, ImapConfig config) {
        this.fetcher = fetcher;
        this.mailboxes = mailboxes;
        this.config = config.imap();
        this.pool = Executors.newFixedThreadPool(this.config.maxConnections(), threads());
    }

    /** Claims due mailboxes for the free connections and starts polling them. */
    @Scheduled(
            every = "${penguin.ingest.imap.tick}",
            delayed = "3s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        int free = config.maxConnections() - inFlight.size();
        if (!config.enabled() || stopping || free <= 0) {
            return;
        }
        List<Mailbox> due = mailboxes.claimDue(free, config.claimLease());
        for (Mailbox mailbox : due) {
            inFlight.add(mailbox.emailAccountId());
            pool.execute(() -> pollOnce(mailbox));
        }
    }

    private void pollOnce(Mailbox mailbox) {
        String id = mailbox.emailAccountId();
        try {
            boolean more = fetcher.poll(mailbox);
            mailboxes.recordSuccess(id, more ? Duration.ZERO : config.pollInterval());
        } catch (MailboxStoppedException e) {
            LOG.infof("stopped polling mailbox %s: %s", id, e.getMessage());
        } catch (Exception e) {
            failed(mailbox, e);
        } finally {
            // On shutdown the claim stays listed so that stop() hands it back.
            if (!stopping) {
                inFlight.remove(id);
            }
        }
    }

    private void failed(Mailbox mailbox, Exception e) {
        if (stopping) {
            return;
        }
        int failures = mailbox.consecutiveFailures() + 1;
        String error = describe(e);
        LOG.warnf("polling mailbox %s failed (%d in a row): %s", mailbox.emailAccountId(), failures, error);
        try {
            mailboxes.recordFailure(mailbox.emailAccountId(), error, backoff(failures));
        } catch (RuntimeException recordFailed) {
            // The database is away too: the claim simply expires and the mailbox is polled again then.
            LOG.warnf("could not record the failure of mailbox %s: %s", mailbox.emailAccountId(), recordFailed);
        }
    }

    /** Waits briefly for running polls, then makes the mailboxes still claimed due at once for other replicas. */
    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        stopping = true;
        pool.shutdownNow();
        pool.awaitTermination(5, TimeUnit.SECONDS);
        if (!inFlight.isEmpty()) {
            mailboxes.release(Set.copyOf(inFlight));
        }
    }

    /** {@code initial-backoff} doubled per further failure, up to {@code max-backoff}. */
    Duration backoff(int failures) {
        Duration wait = config.initialBackoff().multipliedBy(1L << Math.min(failures - 1, 20));
        return wait.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : wait;
    }

    private static String describe(Exception e) {
        if (e instanceof AuthenticationFailedException) {
            return "login refused by the server: " + e.getMessage();
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = e.getClass().getSimpleName() + ": " + e.getMessage();
        return root == e ? message : message + " (" + root + ")";
    }

    private static ThreadFactory threads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "imap-poller-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
