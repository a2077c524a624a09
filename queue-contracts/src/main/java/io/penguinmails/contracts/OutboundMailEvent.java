package io.penguinmails.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/** A campaign email the suite sent, with its content and send status, on {@code mail.outbound}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OutboundMailEvent(
        @JsonProperty("schema_version") int schemaVersion,
        @JsonProperty("storage_key") String storageKey,
        @JsonProperty("tenant_id") String tenantId,
        @JsonProperty("email_account_id") String emailAccountId,
        @JsonProperty("campaign_id") String campaignId,
        @JsonProperty("step_id") String stepId,
        @JsonProperty("lead_id") String leadId,
        @JsonProperty("message_id") String messageId,
        @JsonProperty("from") MailEvent.Address from,
        @JsonProperty("to") List<MailEvent.Address> to,
        @JsonProperty("subject") String subject,
        @JsonProperty("text") String text,
        @JsonProperty("html") String html,
        @JsonProperty("status") String status,
        @JsonProperty("sent_at") Instant sentAt) {

    public static final int SCHEMA_VERSION = 1;
}
