package io.penguinmails.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;

/** An administrative action on {@code audit.events}: tenant created, token issued, campaign state change, erase. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditEvent(
        @JsonProperty("schema_version") int schemaVersion,
        @JsonProperty("action") String action,
        @JsonProperty("tenant_id") String tenantId,
        @JsonProperty("actor") String actor,
        @JsonProperty("subject_id") String subjectId,
        @JsonProperty("details") Map<String, String> details,
        @JsonProperty("occurred_at") Instant occurredAt) {

    public static final int SCHEMA_VERSION = 1;
}
