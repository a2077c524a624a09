package io.penguinmails.content.messaging;

import io.penguinmails.content.OutboxRecord;
import io.penguinmails.content.repository.OutboxRepository;
import io.penguinmails.content.repository.TenantScope;
import io.penguinmails.contracts.CloudEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

/**
 * Publishes the outbox to Kafka: claims a bounded batch of unpublished rows, sends each with its CloudEvent headers
 * and marks published only the rows the broker acknowledged. Rows stay locked while their sends are in flight, so
 * replicas never publish the same row at once; a failed send leaves its row for the next run.
 */
@ApplicationScoped
public class OutboxRelay {

    /** The {@code ce_source} of every record this service publishes. */
    public static final String SOURCE = "/content-service";

    private static final int BATCH_SIZE = 100;
    // Longer than the producer's delivery.timeout.ms, well within the 60 s transaction timeout.
    private static final Duration ACK_WAIT = Duration.ofSeconds(15);
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final OutboxRepository outbox;
    private final Emitter<String> emitter;
    private final TenantScope scope;

    OutboxRelay(OutboxRepository outbox, @Channel("audit-out") Emitter<String> emitter, TenantScope scope) {
        this.outbox = outbox;
        this.emitter = emitter;
        this.scope = scope;
    }

    /** Drains the outbox batch by batch, each in its own transaction; skipped until start-up completes. */
    @Scheduled(
            every = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void relay() {
        int published;
        do {
            published = scope.asSystem("the relay publishes every tenant's outbox rows", this::relayBatch);
        } while (published == BATCH_SIZE);
    }

    private int relayBatch() {
        List<OutboxRecord> batch = outbox.claimPending(BATCH_SIZE);
        List<CompletableFuture<UUID>> sends = batch.stream().map(this::send).toList();
        List<UUID> acknowledged = acknowledged(sends);
        outbox.markPublished(acknowledged);
        return acknowledged.size();
    }

    /** Sends one record; plain ack/nack callbacks keep this thread's transaction off the producer's thread. */
    private CompletableFuture<UUID> send(OutboxRecord record) {
        CompletableFuture<UUID> acked = new CompletableFuture<>();
        Message<String> message = Message.of(
                record.body(),
                Metadata.of(metadata(record)),
                () -> {
                    acked.complete(record.id());
                    return CompletableFuture.completedFuture(null);
                },
                failure -> {
                    acked.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                });
        try {
            emitter.send(message);
        } catch (RuntimeException e) {
            acked.completeExceptionally(e);
        }
        return acked;
    }

    private static OutgoingKafkaRecordMetadata<String> metadata(OutboxRecord record) {
        CloudEvent envelope = new CloudEvent(
                record.id().toString(),
                record.eventType(),
                SOURCE,
                record.created(),
                record.tenantId().toString());
        return OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(record.topic())
                .withKey(record.recordKey())
                .withHeaders(envelope.toHeaders())
                .build();
    }

    /** The ids whose sends the broker acknowledged within the wait; the others are logged and retried later. */
    private static List<UUID> acknowledged(List<CompletableFuture<UUID>> sends) {
        long deadline = System.nanoTime() + ACK_WAIT.toNanos();
        List<UUID> acked = new ArrayList<>();
        for (CompletableFuture<UUID> send : sends) {
            try {
                acked.add(send.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (ExecutionException e) {
                LOG.warnf("outbox record not acknowledged, will retry: %s", e.getCause());
            } catch (TimeoutException e) {
                LOG.warn("outbox record not acknowledged in time, will retry");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return acked;
    }
}
