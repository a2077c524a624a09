package io.penguinmails.analytics.messaging;

import io.penguinmails.contracts.InvalidEventException;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Validates {@code analytics.events} records while the Kafka client deserializes them. The live channel polls on its
 * own thread, so the next batch is validated while the previous one's transaction runs; a rebuild reads the topic
 * with the same class, so both count exactly the same records. A record that breaks the contract is not an error
 * here: it comes out {@linkplain ParsedRecord#rejection() rejected}, for the consumer to dead-letter or skip.
 */
public class ParsedRecordDeserializer implements Deserializer<ParsedRecord> {

    @Override
    public ParsedRecord deserialize(String topic, byte[] data) {
        return deserialize(topic, new RecordHeaders(), data);
    }

    @Override
    public ParsedRecord deserialize(String topic, Headers headers, byte[] data) {
        String body = data == null ? null : new String(data, StandardCharsets.UTF_8);
        try {
            return ParsedRecord.valid(body, AnalyticsRecord.parse(headers, body));
        } catch (InvalidEventException e) {
            return ParsedRecord.rejected(body, e.getMessage());
        }
    }
}
