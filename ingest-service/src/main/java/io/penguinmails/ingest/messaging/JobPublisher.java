package io.penguinmails.ingest.messaging;

import io.penguinmails.contracts.AnalyticsEvent;
import io.penguinmails.contracts.CloudEvent;
import io.penguinmails.contracts.EventJson;
import io.penguinmails.contracts.MailEvent;
import io.penguinmails.contracts.Topics;
import io.penguinmails.ingest.InboundJob;
import io.penguinmails.ingest.config.IngestConfig;
import io.penguinmails.ingest.repository.JobRepository;
import io.penguinmails.ingest.repository.JobRepository.Attempt;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * The relay of the job outbox: publishes each job's mail event and its {@code received} analytics event, and marks the
 * job done only after the broker acknowledged both. A job is published the moment its accepting transaction committed
 * ({@link #publishNow}), claimed by this instance for the claim lease; the scheduled run claims what is due: retries,
 * and jobs whose instance died before they settled. A crash between publish and mark publishes again with the same
 * {@code ce_id}s, which consumers de-duplicate.
 */
@ApplicationScoped
public class JobPublisher {

    private static final Logger LOG = Logger.getLogger(JobPublisher.class);
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(60);
    private static final BrokerUnavailable BROKER_UNAVAILABLE = new BrokerUnavailable();

    private final JobRepository jobs;
    private final MutinyEmitter<String> emitter;
    private final TransactionSynchronizationRegistry transactions;
    private final IngestConfig config;
    private final Clock clock;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean requested = new AtomicBoolean();
    private final Queue<Settled> settled = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean recording = new AtomicBoolean();

    JobPublisher(
            JobRepository jobs,
            @Channel("mail-out") MutinyEmitter<String> emitter,
            TransactionSynchronizationRegistry transactions,
            IngestConfig config,
            Clock clock) {
        this.jobs = jobs;
        this.transactions = transactions;
        this.emitter = emitter;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Publishes a job claimed for this instance as soon as the transaction that recorded it commits (at once when it
     * already has), never before: a job rolled back with its transaction is never published.
     */
    public void publishOnCommit(InboundJob job) {
        if (!QuarkusTransaction.isActive()) {
            publishNow(job);
            return;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    publishNow(job);
                }
            }
        });
    }

    /**
     * Publishes a committed job without waiting for the broker; the outcome is recorded in the background, many jobs
     * to a transaction.
     */
    public void publishNow(InboundJob job) {
        Attempt attempt = new Attempt(job, Instant.now(clock));
        publish(job).whenComplete((ignored, error) -> {
            settled.add(new Settled(attempt, error instanceof CompletionException ? error.getCause() : error));
            recordSoon();
        });
    }

    /** Hands the queued outcomes to a worker unless one is at it: acks arrive on the producer's thread, which must not block. */
    private void recordSoon() {
        if (!settled.isEmpty() && recording.compareAndSet(false, true)) {
            Infrastructure.getDefaultWorkerPool().execute(this::recordSettled);
        }
    }

    /**
     * Records every queued outcome: the published jobs in one transaction, each failed one alone. Should that fail,
     * the jobs stay claimed until their lease ends and the scheduled run publishes them again.
     */
    private void recordSettled() {
        try {
            List<Attempt> done = new ArrayList<>();
            for (Settled outcome = settled.poll(); outcome != null; outcome = settled.poll()) {
                if (outcome.error() == null) {
                    done.add(outcome.attempt());
                } else {
                    failed(outcome.attempt(), outcome.error());
                }
            }
            jobs.markDone(done);
        } catch (RuntimeException e) {
            LOG.warnf(
                    "recording published jobs failed, they are published again after their lease: %s", e.getMessage());
        } finally {
            recording.set(false);
        }
        recordSoon();
    }

    @Scheduled(every = "${penguin.ingest.relay-interval}", delayed = "5s")
    void scheduledRelay() {
        relay();
    }

    /**
     * Drains the due jobs on one thread at a time. A request arriving while a drain runs is not dropped: the running
     * thread drains again before it lets go.
     */
    void relay() {
        requested.set(true);
        while (requested.get() && running.compareAndSet(false, true)) {
            try {
                requested.set(false);
                drain();
            } finally {
                running.set(false);
            }
        }
    }

    private void drain() {
        List<InboundJob> batch;
        do {
            batch = jobs.claimDue(config.relayBatchSize(), config.claimLease());
            publishAll(batch);
        } while (batch.size() == config.relayBatchSize());
    }

    /** Publishes a batch, then marks every acknowledged job done in one transaction and each failed one alone. */
    private void publishAll(List<InboundJob> batch) {
        Instant started = Instant.now(clock);
        List<CompletableFuture<Void>> sends = batch.stream().map(this::publish).toList();
        List<Attempt> done = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Attempt attempt = new Attempt(batch.get(i), started);
            if (acknowledged(attempt, sends.get(i))) {
                done.add(attempt);
            }
        }
        jobs.markDone(done);
    }

    /** Starts sending both records of a job at once, so a whole batch is in flight before we wait for acks. */
    private CompletableFuture<Void> publish(InboundJob job) {
        try {
            ReceivedFields event = ReceivedFields.read(job.eventBody());
            String mailTopic = MailEvent.topicFor(job.messageType());
            CompletableFuture<Void> mail =
                    send(mailTopic, job.storageKey(), envelope(job.id().toString(), mailTopic, job), job.eventBody());
            CompletableFuture<Void> received = send(
                    Topics.ANALYTICS_EVENTS,
                    job.tenantId().toString(),
                    envelope("received-" + job.id(), Topics.ANALYTICS_EVENTS, job),
                    receivedEvent(event));
            return CompletableFuture.allOf(mail, received);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Waits for a job's acknowledgements; a job that failed is recorded as failed (retried later or dead), or, when the
     * broker was away, published again later without using up an attempt.
     */
    private boolean acknowledged(Attempt attempt, CompletableFuture<Void> send) {
        try {
            send.get(ACK_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            failed(attempt, e instanceof ExecutionException ? e.getCause() : e);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void failed(Attempt attempt, Throwable cause) {
        InboundJob job = attempt.job();
        if (BROKER_UNAVAILABLE.test(cause)) {
            LOG.debugf("publishing job %s waits for the broker: %s", job.id(), cause.getMessage());
            jobs.markUnpublished(job, String.valueOf(cause.getMessage()), config.brokerRetry());
            return;
        }
        LOG.warnf("publishing job %s failed (attempt %d): %s", job.id(), job.attemptCount(), cause.getMessage());
        jobs.markFailed(attempt, String.valueOf(cause.getMessage()), backoff(job.attemptCount()));
    }

    private Duration backoff(int attempt) {
        return config.retryBackoff().multipliedBy(1L << Math.min(attempt - 1, 16));
    }

    private CompletableFuture<Void> send(String topic, String key, CloudEvent envelope, String body) {
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(topic)
                .withKey(key)
                .withHeaders(envelope.toHeaders())
                .build();
        return emitter.sendMessage(Message.of(body).addMetadata(metadata)).subscribeAsCompletionStage();
    }

    private CloudEvent envelope(String id, String topic, InboundJob job) {
        return new CloudEvent(
                id,
                "io.penguinmails." + topic + ".v1",
                config.eventSource(),
                Instant.now(clock),
                job.tenantId().toString());
    }

    private static String receivedEvent(ReceivedFields event) {
        return EventJson.write(new AnalyticsEvent(
                AnalyticsEvent.SCHEMA_VERSION,
                "received",
                event.tenantId(),
                event.receivedAt(),
                null,
                null,
                event.emailAccountId(),
                null,
                event.storageKey()));
    }

    /** A published job's outcome: {@code error} is null when the broker acknowledged both records. */
    private record Settled(Attempt attempt, Throwable error) {}
}
