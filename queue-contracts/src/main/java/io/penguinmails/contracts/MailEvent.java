package io.penguinmails.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * A parsed inbound message as published on {@code mail.inbound}, {@code mail.bounce} and {@code mail.autoreply}.
 * The raw message travels with it so that the content tier can return the original bytes.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MailEvent(
        @JsonProperty("schema_version") int schemaVersion,
        @JsonProperty("storage_key") String storageKey,
        @JsonProperty("tenant_id") String tenantId,
        @JsonProperty("email_account_id") String emailAccountId,
        @JsonProperty("message_type") String messageType,
        @JsonProperty("received_at") Instant receivedAt,
        @JsonProperty("message_id") String messageId,
        @JsonProperty("in_reply_to") String inReplyTo,
        @JsonProperty("references") List<String> references,
        @JsonProperty("from") Address from,
        @JsonProperty("to") List<Address> to,
        @JsonProperty("cc") List<Address> cc,
        @JsonProperty("subject") String subject,
        @JsonProperty("date") Instant date,
        @JsonProperty("text") String text,
        @JsonProperty("html") String html,
        @JsonProperty("headers") List<Header> headers,
        @JsonProperty("attachments") List<Attachment> attachments,
        @JsonProperty("raw_base64") String rawBase64,
        @JsonProperty("bounce") Bounce bounce,
        @JsonProperty("auto_reply") AutoReply autoReply,
        @JsonProperty("parse_problems") List<String> parseProblems) {

    public static final int SCHEMA_VERSION = 1;

    /** The values of {@code message_type}. */
    public static final List<String> MESSAGE_TYPES = List.of("email", "bounce", "auto_reply", "complaint");

    /** A mailbox address with its display name. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Address(@JsonProperty("address") String address, @JsonProperty("name") String name) {}

    /** One header field, in the order of the message, with its value decoded. */
    public record Header(@JsonProperty("name") String name, @JsonProperty("value") String value) {}

    /** An attachment or inline part with its bytes. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Attachment(
            @JsonProperty("filename") String filename,
            @JsonProperty("mime_type") String mimeType,
            @JsonProperty("size_bytes") long sizeBytes,
            @JsonProperty("sha256") String sha256,
            @JsonProperty("disposition") String disposition,
            @JsonProperty("content_id") String contentId,
            @JsonProperty("content_base64") String contentBase64) {}

    /** The per-recipient result of a bounce or complaint report, and the Message-ID of the message it returns. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Bounce(
            @JsonProperty("original_message_id") String originalMessageId,
            @JsonProperty("feedback_type") String feedbackType,
            @JsonProperty("recipients") List<BounceRecipient> recipients) {}

    /** One failed recipient of a bounce. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BounceRecipient(
            @JsonProperty("recipient") String recipient,
            @JsonProperty("status") String status,
            @JsonProperty("reply_code") String replyCode,
            @JsonProperty("reason") String reason,
            @JsonProperty("hard") boolean hard,
            @JsonProperty("diagnostic") String diagnostic) {}

    /** What kind of auto-reply: {@code vacation} or {@code auto_generated}, with a stated return date if any. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AutoReply(@JsonProperty("kind") String kind, @JsonProperty("return_date") String returnDate) {}

    /** The topic a message of this type is published on. */
    public static String topicFor(String messageType) {
        return switch (messageType) {
            case "bounce", "complaint" -> Topics.MAIL_BOUNCE;
            case "auto_reply" -> Topics.MAIL_AUTOREPLY;
            case "email" -> Topics.MAIL_INBOUND;
            default -> throw new IllegalArgumentException("unknown message_type " + messageType);
        };
    }
}
