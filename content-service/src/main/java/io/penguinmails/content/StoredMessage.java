package io.penguinmails.content;

import java.time.Instant;
import java.util.List;

/**
 * A stored message's metadata and bodies as read back for its tenant.
 *
 * @param toJson the To addresses as stored JSON
 * @param headersJson the header fields in order as stored JSON
 */
public record StoredMessage(
        String storageKey,
        String emailAccountId,
        String direction,
        String messageType,
        String status,
        String messageId,
        String inReplyTo,
        List<String> references,
        String fromEmail,
        String fromName,
        String toJson,
        String ccJson,
        String subject,
        Instant sentDate,
        Instant receivedAt,
        String bounceJson,
        String autoReplyJson,
        String parentStorageKey,
        String contentText,
        String contentHtml,
        String headersJson,
        String campaignId,
        String leadId,
        String stepId) {

    /** This message with its text, html and headers. */
    public StoredMessage withBodies(String text, String html, String headers) {
        return new StoredMessage(
                storageKey,
                emailAccountId,
                direction,
                messageType,
                status,
                messageId,
                inReplyTo,
                references,
                fromEmail,
                fromName,
                toJson,
                ccJson,
                subject,
                sentDate,
                receivedAt,
                bounceJson,
                autoReplyJson,
                parentStorageKey,
                text,
                html,
                headers,
                campaignId,
                leadId,
                stepId);
    }
}
