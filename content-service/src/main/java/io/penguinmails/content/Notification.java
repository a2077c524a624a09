package io.penguinmails.content;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;
import java.util.UUID;

/**
 * An in-app notification of a tenant.
 *
 * @param detailsJson the details object as stored JSON, passed through as JSON
 */
public record Notification(
        @JsonProperty("id") UUID id,
        @JsonProperty("kind") String kind,
        @JsonProperty("severity") String severity,
        @JsonProperty("title") String title,
        @JsonProperty("body") String body,
        @JsonProperty("subject_id") String subjectId,
        @JsonProperty("details") @JsonRawValue String detailsJson,
        @JsonProperty("read") boolean read,
        @JsonProperty("read_at") Instant readAt,
        @JsonProperty("occurred_at") Instant occurredAt,
        @JsonProperty("expires_at") Instant expiresAt) {}
