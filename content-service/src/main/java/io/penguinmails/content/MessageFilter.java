package io.penguinmails.content;

import java.time.Instant;
import java.util.UUID;

/**
 * What a message listing asks for; null fields do not filter. Dates bound {@code received_at}.
 *
 * @param after the keyset position to continue after, null for the first page
 * @param query full-text search words over subject and text
 */
public record MessageFilter(
        UUID tenantId,
        String emailAccountId,
        String campaignId,
        String leadId,
        String direction,
        String messageType,
        String status,
        Instant since,
        Instant until,
        String fromAddress,
        String toAddress,
        String query,
        Position after,
        int limit) {

    /** A keyset position: the (received_at, storage_key) of the last message of the previous page. */
    public record Position(Instant receivedAt, String storageKey) {}
}
