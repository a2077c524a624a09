package io.penguinmails.analytics.messaging;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes a {@link ParsedRecord} back as the body it was read from, so a batch the channel's dead-letter strategy
 * sends to {@code analytics.events.dlq} (the database away for longer than the retries last) carries the records
 * exactly as they were on {@code analytics.events}.
 */
public class ParsedRecordSerializer implements Serializer<ParsedRecord> {

    @Override
    public byte[] serialize(String topic, ParsedRecord record) {
        return record == null || record.body() == null ? null : record.body().getBytes(StandardCharsets.UTF_8);
    }
}
