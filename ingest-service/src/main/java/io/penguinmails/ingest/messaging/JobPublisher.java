package io.penguinmails.ingest.messaging;

import io.penguinmails.contracts.AnalyticsEvent;
import io.penguinmails.contracts.CloudEvent;
import io.penguinmails.contracts.EventJson;
import io.penguinmails.contracts.MailEvent;
import io.penguinmails.contracts.Topics;
import io.penguinmails.ingest.InboundJob;
import io.penguinmails.ingest.JobQueued;
import io.penguinmails.ingest.config.IngestConfig;
import io.penguinmails.ingest.repository.JobRepository;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * The relay of the job outbox: claims due jobs, publishes each one's mail event and its {@code received} analytics
 * event, and marks the job done only after the broker acknowledged both. A crash between publish and mark publishes
 * again with the same {@code ce_id}s, which consumers de-duplicate.
 */
@ApplicationScoped
public class JobPublisher {

    private static final Logger LOG = Logger.getLogger(JobPublisher.class);
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(60);

    private final JobRepository jobs;
    private final MutinyEmitter<String> emitter;
    private final IngestConfig config;
    private final Clock clock;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean requested = new AtomicBoolean();

    JobPublisher(
            JobRepository jobs, @Channel("mail-out") MutinyEmitter<String> emitter, IngestConfig config, Clock clock) {
        this.jobs = jobs;
        this.emitter = emitter;
        this.config = config;
        this.clock = clock;
    }

    /** Publishes a newly committed job right away; the scheduled run only picks up retries and leftovers. */
    void onQueued(@ObservesAsync JobQueued queued) {
        relay();
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
        List<InboundJob> done = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            if (acknowledged(batch.get(i), sends.get(i), started)) {
                done.add(batch.get(i));
            }
        }
        jobs.markDone(done, started);
    }

    /** Starts sending both records of a job at once, so a whole batch is in flight before we wait for acks. */
    private CompletableFuture<Void> publish(InboundJob job) {
        try {
            MailEvent event = EventJson.read(job.eventBody(), MailEvent.class);
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

    /** Waits for a job's acknowledgements; a job that failed is recorded as failed (retried later or dead). */
    private boolean acknowledged(InboundJob job, CompletableFuture<Void> send, Instant started) {
        try {
            send.get(ACK_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            LOG.warnf("publishing job %s failed (attempt %d): %s", job.id(), job.attemptCount(), cause.getMessage());
            jobs.markFailed(job, String.valueOf(cause.getMessage()), backoff(job.attemptCount()), started);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
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

    private static String receivedEvent(MailEvent event) {
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
}
