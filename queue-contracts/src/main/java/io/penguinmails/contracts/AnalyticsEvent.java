package io.penguinmails.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * One countable fact on {@code analytics.events}, attributed as far as the producer knows.
 *
 * <p>{@code warmup} marks mailbox warm-up traffic ({@code sent}, {@code opened}, {@code replied} of a mailbox's
 * warm-up mail, which must then name its {@code email_account_id}); absent or false means campaign or inbound
 * traffic. It is written only when true, so bodies of events that are not warm-up look exactly as before the field
 * existed and the schema stays v1.
 */
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
        @JsonProperty("storage_key") String storageKey,
        // NON_DEFAULT leaves out false as well as null: "warmup":false would only add bytes meaning "absent".
        @JsonProperty("warmup") @JsonInclude(JsonInclude.Include.NON_DEFAULT) Boolean warmup) {

    public static final int SCHEMA_VERSION = 1;

    /** The values of {@code event_type}. */
    public static final List<String> EVENT_TYPES = List.of(
            "sent", "delivered", "opened", "clicked", "replied", "bounced", "unsubscribed", "complained", "received");

    /** The values of {@code event_type} a warm-up event may have. */
    public static final List<String> WARMUP_EVENT_TYPES = List.of("sent", "opened", "replied");

    /**
     * An event that is not warm-up traffic. Every producer written before {@code warmup} existed uses this one, so
     * they stay unchanged.
     */
    public AnalyticsEvent(
            int schemaVersion,
            String eventType,
            String tenantId,
            Instant occurredAt,
            String campaignId,
            String stepId,
            String emailAccountId,
            String leadId,
            String storageKey) {
        this(
                schemaVersion,
                eventType,
                tenantId,
                occurredAt,
                campaignId,
                stepId,
                emailAccountId,
                leadId,
                storageKey,
                null);
    }

    /** Whether this is warm-up traffic; an absent {@code warmup} means it is not. */
    public boolean warmupTraffic() {
        return Boolean.TRUE.equals(warmup);
    }
}
