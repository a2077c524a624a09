package io.penguinmails.content.messaging;

import io.penguinmails.contracts.Topics;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Moves the records of a consumed batch that cannot be stored to {@code <topic>.dlq}, with the same headers
 * SmallRye's dead-letter strategy writes ({@code dead-letter-reason} and the record's origin). In batch mode that
 * strategy would dead-letter the whole batch, so the consumers route bad records here themselves and let the rest of
 * the batch, and the partition, flow on.
 */
@ApplicationScoped
public class DeadLetters {

    /** Longer than the producer's delivery timeout: a record is either acknowledged or failed by then. */
    private static final Duration ACK_WAIT = Duration.ofSeconds(30);

    private final Emitter<String> emitter;

    DeadLetters(
            @Channel("dead-letter-out") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 2048)
                    Emitter<String> emitter) {
        this.emitter = emitter;
    }

    /**
     * Sends the failed records and waits until the broker has them all; throws otherwise, so that the batch is not
     * acknowledged and its records come back rather than being lost.
     */
    public void send(List<Failure> failures) {
        List<CompletableFuture<Void>> sends = new ArrayList<>();
        for (Failure failure : failures) {
            sends.add(send(failure));
        }
        long deadline = System.nanoTime() + ACK_WAIT.toNanos();
        for (CompletableFuture<Void> sent : sends) {
            try {
                sent.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("a dead letter was not acknowledged", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while sending dead letters", e);
            }
        }
    }

    private CompletableFuture<Void> send(Failure failure) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        ConsumerRecord<String, String> record = failure.record();
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(Topics.dlq(record.topic()))
                .withKey(record.key())
                .withHeaders(headers(record, failure.reason()))
                .build();
        Message<String> message = Message.of(
                record.value(),
                Metadata.of(metadata),
                () -> {
                    acked.complete(null);
                    return CompletableFuture.completedFuture(null);
                },
                reason -> {
                    acked.completeExceptionally(reason);
                    return CompletableFuture.completedFuture(null);
                });
        emitter.send(message);
        return acked;
    }

    private static Headers headers(ConsumerRecord<String, String> record, Throwable reason) {
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        add(headers, "dead-letter-exception-class-name", reason.getClass().getName());
        add(headers, "dead-letter-reason", String.valueOf(reason.getMessage()));
        if (reason.getCause() != null) {
            add(headers, "dead-letter-cause", String.valueOf(reason.getCause().getMessage()));
        }
        add(headers, "dead-letter-topic", record.topic());
        add(headers, "dead-letter-partition", String.valueOf(record.partition()));
        add(headers, "dead-letter-offset", String.valueOf(record.offset()));
        return headers;
    }

    private static void add(RecordHeaders headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** A consumed record and why it cannot be stored. */
    public record Failure(ConsumerRecord<String, String> record, Throwable reason) {}
}
