package io.penguinmails.campaign;

import java.time.Instant;
import java.util.UUID;

/**
 * A record waiting in the {@code outbox} table to be published to Kafka.
 *
 * @param id the event id, sent as {@code ce_id}
 * @param topic the topic it goes to
 * @param recordKey the Kafka record key
 * @param eventType the {@code ce_type}, e.g. {@code io.penguinmails.audit.events.v1}
 * @param body the JSON body, already checked against the topic's schema
 * @param created when the event happened, sent as {@code ce_time}
 */
public record OutboxRecord(
        UUID id, UUID tenantId, String topic, String recordKey, String eventType, String body, Instant created) {}
