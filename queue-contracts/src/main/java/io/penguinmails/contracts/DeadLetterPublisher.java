package io.penguinmails.contracts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends the bad records of a consumed batch to their {@code .dlq} topics. In batch mode SmallRye's
 * {@code dead-letter-queue} strategy would move the whole batch, so batch consumers route each record that breaks its
 * contract here and let the rest of the batch, and the partition, go on. {@link #publish} returns only once the broker
 * has every dead letter, so the batch's offsets may be committed after it: a bad record is moved, never dropped.
 */
public final class DeadLetterPublisher implements AutoCloseable {

    /** Longer than the producer's delivery timeout: by then a record is either acknowledged or failed. */
    private static final Duration ACK_WAIT = Duration.ofSeconds(30);

    private final KafkaProducer<String, String> producer;

    /**
     * @param kafka the client settings of the application (bootstrap servers and any security settings); acks are
     *     set to all
     */
    public DeadLetterPublisher(Map<String, Object> kafka) {
        Map<String, Object> config = new HashMap<>(kafka);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    /**
     * Sends the dead letters and waits for the broker's acknowledgement of all of them.
     *
     * @throws IllegalStateException when one is not acknowledged, so that the batch is not committed and comes back
     */
    public void publish(List<DeadLetter> deadLetters) {
        List<Future<RecordMetadata>> sent = new ArrayList<>(deadLetters.size());
        for (DeadLetter each : deadLetters) {
            sent.add(producer.send(each.toProducerRecord()));
        }
        long deadline = System.nanoTime() + ACK_WAIT.toNanos();
        for (Future<RecordMetadata> future : sent) {
            await(future, deadline);
        }
    }

    private static void await(Future<RecordMetadata> future, long deadline) {
        try {
            future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dead-lettering", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("a dead letter was not acknowledged", e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
