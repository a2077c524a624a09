package io.penguinmails.content;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;

/** A notification a tenant creates for itself through the API; {@code severity} defaults to {@code info}. */
public record NotificationRequest(
        @JsonProperty("kind") String kind,
        @JsonProperty("severity") String severity,
        @JsonProperty("title") String title,
        @JsonProperty("body") String body,
        @JsonProperty("subject_id") String subjectId,
        @JsonProperty("details") Map<String, String> details,
        @JsonProperty("expires_at") Instant expiresAt) {}
