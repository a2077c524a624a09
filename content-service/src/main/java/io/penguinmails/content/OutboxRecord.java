package io.penguinmails.content;

import java.time.Instant;
import java.util.UUID;

/**
 * An event waiting in the outbox to be published; its id is the record's {@code ce_id}.
 *
 * @param recordKey the Kafka record key
 * @param eventType the {@code ce_type}
 */
public record OutboxRecord(
        UUID id, UUID tenantId, String topic, String recordKey, String eventType, String body, Instant created) {}
