package io.penguinmails.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/** One countable fact on {@code analytics.events}, attributed as far as the producer knows. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AnalyticsEvent(
        @JsonProperty("schema_version") int schemaVersion,
        @JsonProperty("event_type") String eventType,
        @JsonProperty("tenant_id") String tenantId,
        @JsonProperty("occurred_at") Instant occurredAt,
        @JsonProperty("campaign_id") String campaignId,
        @JsonProperty("step_id") String stepId,
        @JsonProperty("email_account_id") String emailAccountId,
        @JsonProperty("lead_id") String leadId,
        @JsonProperty("storage_key") String storageKey) {

    public static final int SCHEMA_VERSION = 1;

    /** The values of {@code event_type}. */
    public static final List<String> EVENT_TYPES = List.of(
            "sent", "delivered", "opened", "clicked", "replied", "bounced", "unsubscribed", "complained", "received");
}
