package io.penguinmails.contracts;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A consumed record that cannot be applied, on its way to {@code <topic>.dlq}. The dead letter keeps the record's
 * key, body and headers and adds the headers SmallRye's {@code dead-letter-queue} strategy writes, so an operator reads
 * every {@code .dlq} topic the same way whether a record was dead-lettered one at a time or out of a batch.
 *
 * @param source the record as it was consumed
 * @param body its body as it was on the topic; null for a record without one
 * @param reason why it cannot be applied
 * @param error the failure behind the reason; null when the record was refused without one
 */
public record DeadLetter(ConsumerRecord<String, ?> source, String body, String reason, Throwable error) {

    /** The header that says why a record was dead-lettered. */
    public static final String REASON = "dead-letter-reason";

    /** A record whose body is the consumed string, refused with an exception. */
    public static DeadLetter of(ConsumerRecord<String, String> source, Throwable error) {
        return new DeadLetter(source, source.value(), String.valueOf(error.getMessage()), error);
    }

    /** The record to produce: to the source topic's {@code .dlq}, same key, body and headers, plus the reason. */
    public ProducerRecord<String, String> toProducerRecord() {
        RecordHeaders headers = new RecordHeaders(source.headers().toArray());
        if (error != null) {
            put(headers, "dead-letter-exception-class-name", error.getClass().getName());
            if (error.getCause() != null) {
                put(
                        headers,
                        "dead-letter-cause",
                        String.valueOf(error.getCause().getMessage()));
            }
        }
        put(headers, REASON, reason);
        put(headers, "dead-letter-topic", source.topic());
        put(headers, "dead-letter-partition", String.valueOf(source.partition()));
        put(headers, "dead-letter-offset", String.valueOf(source.offset()));
        return new ProducerRecord<>(Topics.dlq(source.topic()), null, source.key(), body, headers);
    }

    /** Replaces rather than adds: a record dead-lettered before keeps one reason, the latest. */
    private static void put(RecordHeaders headers, String name, String value) {
        headers.remove(name);
        headers.add(name, String.valueOf(value).getBytes(StandardCharsets.UTF_8));
    }
}
