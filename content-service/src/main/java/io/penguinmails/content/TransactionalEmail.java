package io.penguinmails.content;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A transactional email and its delivery state as the API shows it; {@code text} and {@code html} are left out of
 * listings.
 */
public record TransactionalEmail(
        @JsonProperty("id") UUID id,
        @JsonProperty("status") String status,
        @JsonProperty("to") List<String> to,
        @JsonProperty("cc") List<String> cc,
        @JsonProperty("subject") String subject,
        @JsonProperty("reply_to") String replyTo,
        @JsonProperty("text") @JsonInclude(JsonInclude.Include.NON_NULL) String text,
        @JsonProperty("html") @JsonInclude(JsonInclude.Include.NON_NULL) String html,
        @JsonProperty("idempotency_key") String idempotencyKey,
        @JsonProperty("message_id") String messageId,
        @JsonProperty("attempts") int attempts,
        @JsonProperty("max_attempts") int maxAttempts,
        @JsonProperty("next_attempt_at") Instant nextAttemptAt,
        @JsonProperty("last_error") String lastError,
        @JsonProperty("queued") Instant queued,
        @JsonProperty("sent") Instant sent,
        @JsonProperty("failed") Instant failed) {

    /** The states of a transactional email. */
    public static final List<String> STATUSES = List.of("queued", "sending", "sent", "failed");
}
