package io.penguinmails.ingest.repository;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.penguinmails.ingest.InboundJob;
import io.penguinmails.ingest.config.IngestConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Records the jobs of concurrent requests together (group commit): whatever jobs are waiting when the writer is free
 * go into the database with one statement and one commit, a disk flush shared by all of them. Each request still
 * returns only after its own job committed, so a 202 still means durable. A group the database refuses is written
 * again job by job, so only the refused job's request fails.
 *
 * <p>A job recorded inside the caller's transaction (an IMAP poll's, which moves the mailbox cursor with it) is not
 * grouped: it must commit or roll back with that transaction.
 */
@ApplicationScoped
public class JobGroupCommit {

    private static final Logger LOG = Logger.getLogger(JobGroupCommit.class);

    private final JobRepository jobs;
    private final IngestConfig config;
    private final DistributionSummary groupSizes;
    private final BlockingQueue<Pending> waiting = new LinkedBlockingQueue<>();
    private volatile boolean running = true;
    private Thread writer;

    JobGroupCommit(JobRepository jobs, IngestConfig config, MeterRegistry registry) {
        this.jobs = jobs;
        this.config = config;
        this.groupSizes = DistributionSummary.builder("penguin.ingest.job.group.size")
                .description("Jobs recorded with one statement and commit")
                .register(registry);
    }

    @PostConstruct
    void start() {
        writer = new Thread(this::writeGroups, "job-group-commit");
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * Records a job claimed for the caller for the claim lease, like {@link JobRepository#insertClaimed}.
     *
     * @return the new job, empty when the tenant already has one for this storage key
     */
    public Optional<InboundJob> insertClaimed(JobRepository.NewJob job) {
        if (QuarkusTransaction.isActive()) {
            return jobs.insertClaimed(job, config.claimLease());
        }
        Pending pending = new Pending(job, new CompletableFuture<>());
        waiting.add(pending);
        if (!running) {
            failWaiting();
        }
        try {
            return pending.result().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private void writeGroups() {
        while (running) {
            try {
                Pending first = waiting.poll(1, TimeUnit.SECONDS);
                if (first != null) {
                    List<Pending> group = new ArrayList<>();
                    group.add(first);
                    waiting.drainTo(group, config.jobGroupMax() - 1);
                    groupSizes.record(group.size());
                    write(group);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void write(List<Pending> group) {
        try {
            List<Optional<InboundJob>> recorded =
                    jobs.insertAllClaimed(group.stream().map(Pending::job).toList(), config.claimLease());
            for (int i = 0; i < group.size(); i++) {
                group.get(i).result().complete(recorded.get(i));
            }
        } catch (RuntimeException | Error e) {
            if (group.size() == 1) {
                group.get(0).result().completeExceptionally(e);
                return;
            }
            LOG.warnf("a group of %d jobs failed (%s); recording them one by one", group.size(), e.getMessage());
            group.forEach(pending -> write(List.of(pending)));
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        running = false;
        writer.interrupt();
        writer.join(TimeUnit.SECONDS.toMillis(10));
        failWaiting();
    }

    private void failWaiting() {
        for (Pending pending; (pending = waiting.poll()) != null; ) {
            pending.result().completeExceptionally(new IllegalStateException("ingest-service is shutting down"));
        }
    }

    private record Pending(JobRepository.NewJob job, CompletableFuture<Optional<InboundJob>> result) {}
}
