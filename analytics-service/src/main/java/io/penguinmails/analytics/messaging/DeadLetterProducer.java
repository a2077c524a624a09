package io.penguinmails.analytics.messaging;

import io.penguinmails.contracts.Topics;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Moves single invalid records of a batch to the topic's dead-letter topic ({@code <topic>.dlq}) with the same key,
 * body and headers plus the headers the channels' {@code dead-letter-queue} strategy writes
 * ({@code dead-letter-reason}, {@code -topic}, {@code -partition}, {@code -offset}). In batch mode that strategy
 * would dead-letter a whole batch, so the consumer routes the bad records itself and lets the rest flow.
 */
@ApplicationScoped
public class DeadLetterProducer {

    static final String REASON = "dead-letter-reason";
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaProducer<String, String> producer;

    /** Uses the application's {@code kafka.*} settings (bootstrap servers and any security settings). */
    DeadLetterProducer(@Identifier("default-kafka-broker") Map<String, Object> kafka) {
        Map<String, Object> config = new HashMap<>(kafka);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    /** Sends the rejected records, with their bodies as they were on the topic, and waits until the broker has all of them, so their offsets may then be committed. */
    public void send(List<ConsumerRecord<String, ParsedRecord>> rejected) {
        List<Future<RecordMetadata>> sent = new ArrayList<>(rejected.size());
        for (ConsumerRecord<String, ParsedRecord> each : rejected) {
            sent.add(producer.send(deadLetter(each)));
        }
        for (Future<RecordMetadata> future : sent) {
            await(future);
        }
    }

    private static ProducerRecord<String, String> deadLetter(ConsumerRecord<String, ParsedRecord> record) {
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        ParsedRecord parsed = ParsedRecord.of(record);
        add(headers, REASON, parsed.rejection());
        add(headers, "dead-letter-topic", record.topic());
        add(headers, "dead-letter-partition", String.valueOf(record.partition()));
        add(headers, "dead-letter-offset", String.valueOf(record.offset()));
        return new ProducerRecord<>(Topics.dlq(record.topic()), null, record.key(), parsed.body(), headers);
    }

    private static void add(RecordHeaders headers, String name, String value) {
        headers.add(name, String.valueOf(value).getBytes(StandardCharsets.UTF_8));
    }

    private static void await(Future<RecordMetadata> future) {
        try {
            future.get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dead-lettering", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("dead-lettering a record failed", e);
        }
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
