package io.penguinmails.campaign.messaging;

import io.penguinmails.campaign.OutboxRecord;
import io.penguinmails.campaign.repository.OutboxRepository;
import io.penguinmails.contracts.CloudEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Publishes the outbox to Kafka: claims a bounded batch of unpublished rows, sends each with its CloudEvent headers
 * and marks published only the rows the broker acknowledged. Rows stay locked while their sends are in flight, so
 * replicas never publish the same row at once; a failed send leaves its row for the next run.
 */
@ApplicationScoped
public class OutboxRelay {

    /** The {@code ce_source} of every record this service publishes. */
    public static final String SOURCE = "/campaign-service";

    static final int BATCH_SIZE = 100;
    // Longer than the producer's delivery.timeout.ms, well within the 60 s transaction timeout.
    private static final Duration ACK_WAIT = Duration.ofSeconds(15);
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final OutboxRepository outbox;
    private final MutinyEmitter<String> emitter;

    OutboxRelay(OutboxRepository outbox, @Channel("audit-out") MutinyEmitter<String> emitter) {
        this.outbox = outbox;
        this.emitter = emitter;
    }

    // Skipped until start-up completes, when the channel is connected, and again once shutdown begins.
    @Scheduled(
            every = "0.5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    @Transactional
    void relay() {
        List<OutboxRecord> batch = outbox.claimPending(BATCH_SIZE);
        if (batch.isEmpty()) {
            return;
        }
        List<CompletableFuture<UUID>> sends = batch.stream().map(this::send).toList();
        outbox.markPublished(acknowledged(sends));
    }

    private CompletableFuture<UUID> send(OutboxRecord record) {
        CloudEvent envelope = new CloudEvent(
                record.id().toString(), record.eventType(), SOURCE, record.created(), record.tenantId().toString());
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(record.topic())
                .withKey(record.recordKey())
                .withHeaders(envelope.toHeaders())
                .build();
        return emitter.sendMessage(Message.of(record.body()).addMetadata(metadata))
                .subscribeAsCompletionStage()
                .thenApply(ignored -> record.id());
    }

    /** The ids whose sends the broker acknowledged within the wait; the others are logged and retried later. */
    private static List<UUID> acknowledged(List<CompletableFuture<UUID>> sends) {
        long deadline = System.nanoTime() + ACK_WAIT.toNanos();
        List<UUID> acked = new ArrayList<>();
        for (CompletableFuture<UUID> send : sends) {
            try {
                acked.add(send.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (ExecutionException | TimeoutException e) {
                LOG.warnf("outbox record not acknowledged, will retry: %s", e.getCause() == null ? e : e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return acked;
    }
}
