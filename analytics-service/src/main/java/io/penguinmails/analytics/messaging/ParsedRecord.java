package io.penguinmails.analytics.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * An {@code analytics.events} record as {@link ParsedRecordDeserializer} read it: either valid, or rejected with
 * the reason it breaks the contract.
 *
 * @param body the record's body as it was on the topic, null for a record without one
 * @param record the validated record; null when rejected
 * @param rejection why the record cannot be counted; null when valid
 */
public record ParsedRecord(String body, AnalyticsRecord record, String rejection) {

    /**
     * A consumed record's value. The Kafka client hands a record without a body (a tombstone) over as null without
     * calling the deserializer, so that one is rejected here.
     */
    public static ParsedRecord of(ConsumerRecord<String, ParsedRecord> record) {
        return record.value() != null ? record.value() : rejected(null, "record has no body");
    }

    static ParsedRecord valid(String body, AnalyticsRecord record) {
        return new ParsedRecord(body, record, null);
    }

    static ParsedRecord rejected(String body, String rejection) {
        return new ParsedRecord(body, null, rejection);
    }

    /** Whether the record can be counted. */
    public boolean isValid() {
        return record != null;
    }
}
