package io.penguinmails.ingest.messaging;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.penguinmails.contracts.EventJson;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The four fields of a mail event that its "received" analytics event repeats.
 *
 * @param tenantId the event's tenant
 * @param receivedAt when ingest accepted the message
 * @param emailAccountId the mailbox it arrived in, or null
 * @param storageKey the message's storage key
 */
record ReceivedFields(String tenantId, Instant receivedAt, String emailAccountId, String storageKey) {

    private static final Set<String> NAMES = Set.of("tenant_id", "received_at", "email_account_id", "storage_key");
    private static final JsonFactory JSON = EventJson.largeRecords();

    /**
     * Reads the four fields from the event's body and stops once it has them. They come first in every event ingest
     * writes, ahead of the bodies, attachments and raw message that make up almost all of it, so those are never
     * tokenized; a body in another order is still read correctly, only further.
     */
    static ReceivedFields read(String eventBody) {
        try (JsonParser parser = JSON.createParser(new StringReader(eventBody))) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("a mail event is a JSON object");
            }
            Map<String, String> found = collect(parser);
            String receivedAt = found.get("received_at");
            if (found.get("tenant_id") == null || receivedAt == null || found.get("storage_key") == null) {
                throw new IllegalArgumentException("mail event without tenant_id, received_at or storage_key");
            }
            return new ReceivedFields(
                    found.get("tenant_id"),
                    Instant.parse(receivedAt),
                    found.get("email_account_id"),
                    found.get("storage_key"));
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable mail event", e);
        }
    }

    private static Map<String, String> collect(JsonParser parser) throws IOException {
        Map<String, String> found = new HashMap<>();
        while (found.size() < NAMES.size() && parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (NAMES.contains(name) && value.isScalarValue()) {
                found.put(name, value == JsonToken.VALUE_NULL ? null : parser.getText());
            } else {
                parser.skipChildren();
            }
        }
        return found;
    }
}
