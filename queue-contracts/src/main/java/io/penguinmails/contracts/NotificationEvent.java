package io.penguinmails.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;

/**
 * An in-app notification for a tenant's users on {@code notifications}, e.g. a campaign paused by the bounce shield.
 * content-service keeps it in its {@code notifications} table; the event id makes a redelivery harmless.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NotificationEvent(
        @JsonProperty("schema_version") int schemaVersion,
        @JsonProperty("tenant_id") String tenantId,
        @JsonProperty("kind") String kind,
        @JsonProperty("severity") String severity,
        @JsonProperty("title") String title,
        @JsonProperty("body") String body,
        @JsonProperty("subject_id") String subjectId,
        @JsonProperty("details") Map<String, String> details,
        @JsonProperty("occurred_at") Instant occurredAt,
        @JsonProperty("expires_at") Instant expiresAt) {

    public static final int SCHEMA_VERSION = 1;

    /** The values of {@code severity}. */
    public static final java.util.List<String> SEVERITIES = java.util.List.of("info", "warning", "critical");
}
