package io.penguinmails.content;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;

/**
 * One line of a message listing or a thread: metadata without bodies.
 *
 * @param toJson the To addresses as stored JSON, passed through as JSON
 */
public record MessageSummary(
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
        @JsonProperty("from_email") String fromEmail,
        @JsonProperty("from_name") String fromName,
        @JsonProperty("to") @JsonRawValue String toJson,
        @JsonProperty("subject") String subject,
        @JsonProperty("date") Instant date,
        @JsonProperty("received_at") Instant receivedAt,
        @JsonProperty("created") Instant created) {}
