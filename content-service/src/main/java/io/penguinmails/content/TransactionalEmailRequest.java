package io.penguinmails.content;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A request to send a transactional email: {@code to} and {@code cc} accept one address or a list; at least one of
 * {@code text} and {@code html}. The same {@code idempotency_key} within a tenant always names the same email.
 */
public record TransactionalEmailRequest(
        @JsonProperty("to") @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> to,
        @JsonProperty("cc") @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> cc,
        @JsonProperty("subject") String subject,
        @JsonProperty("text") String text,
        @JsonProperty("html") String html,
        @JsonProperty("reply_to") String replyTo,
        @JsonProperty("idempotency_key") String idempotencyKey) {}
