package io.penguinmails.content.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One stored message as {@code GET /v1/messages/{storage_key}} returns it. */
public record MessageView(
        @JsonProperty("storage_key") String storageKey,
        @JsonProperty("email_account_id") String emailAccountId,
        @JsonProperty("campaign_id") String campaignId,
        @JsonProperty("lead_id") String leadId,
        @JsonProperty("step_id") String stepId,
        @JsonProperty("direction") String direction,
        @JsonProperty("message_type") String messageType,
        @JsonProperty("status") String status,
        @JsonProperty("message_id") String messageId,
        @JsonProperty("in_reply_to") String inReplyTo,
        @JsonProperty("references") List<String> references,
        @JsonProperty("from") Address from,
        @JsonProperty("to") JsonNode to,
        @JsonProperty("cc") JsonNode cc,
        @JsonProperty("subject") String subject,
        @JsonProperty("date") Instant date,
        @JsonProperty("received_at") Instant receivedAt,
        @JsonProperty("parent_storage_key") String parentStorageKey,
        @JsonProperty("content_text") String contentText,
        @JsonProperty("content_html") String contentHtml,
        @JsonProperty("headers") JsonNode headers,
        @JsonProperty("bounce") JsonNode bounce,
        @JsonProperty("auto_reply") JsonNode autoReply,
        @JsonProperty("attachments") List<Attachment> attachments) {

    /** A sender address with its display name. */
    public record Address(@JsonProperty("address") String address, @JsonProperty("name") String name) {}

    /** An attachment's metadata; its bytes are at {@code /attachments/{id}}. */
    public record Attachment(
            @JsonProperty("id") UUID id,
            @JsonProperty("filename") String filename,
            @JsonProperty("mime_type") String mimeType,
            @JsonProperty("size_bytes") long sizeBytes,
            @JsonProperty("sha256") String sha256,
            @JsonProperty("disposition") String disposition,
            @JsonProperty("content_id") String contentId) {}
}
