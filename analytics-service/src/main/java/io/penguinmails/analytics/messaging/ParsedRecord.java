package io.penguinmails.analytics.messaging;

/**
 * An {@code analytics.events} record as {@link ParsedRecordDeserializer} read it: either valid, or rejected with
 * the reason it breaks the contract.
 *
 * @param body the record's body as it was on the topic, null for a record without one
 * @param record the validated record; null when rejected
 * @param rejection why the record cannot be counted; null when valid
 */
public record ParsedRecord(String body, AnalyticsRecord record, String rejection) {

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
