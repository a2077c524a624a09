package io.penguinmails.ingest.service.classify;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.penguinmails.ingest.ParsedMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads Amazon SES notifications delivered by mail through SNS: a JSON document (the SNS envelope's {@code Message},
 * or the notification itself) of type Bounce, Complaint or Delivery, with per-recipient details.
 */
public final class SesNotificationParser {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
            .build();

    /** The notification a message carries, or an empty node when it carries none. */
    public JsonNode notification(ParsedMessage message) {
        String text = message.text();
        if (text == null || !text.contains("notificationType") && !text.contains("eventType")) {
            return JSON.missingNode();
        }
        JsonNode node = read(text.substring(Math.max(0, text.indexOf('{'))));
        if (node.path("Message").isTextual()) {
            node = read(node.path("Message").asText());
        }
        return node;
    }

    /** The recipients of a Bounce or Delivery notification. */
    public Optional<List<DeliveryFailure>> failures(JsonNode notification) {
        String type = type(notification);
        if (type.equals("bounce")) {
            return Optional.of(bounced(notification.path("bounce")));
        }
        if (type.equals("delivery")) {
            return Optional.of(delivered(notification.path("delivery")));
        }
        return Optional.empty();
    }

    /** The complaint of a Complaint notification. */
    public Optional<Complaint> complaint(JsonNode notification) {
        if (!type(notification).equals("complaint")) {
            return Optional.empty();
        }
        JsonNode complaint = notification.path("complaint");
        List<String> recipients = new ArrayList<>();
        complaint.path("complainedRecipients").forEach(r -> recipients.add(address(r)));
        String feedbackType = complaint.path("complaintFeedbackType").asText("abuse");
        return Optional.of(new Complaint(feedbackType.toLowerCase(Locale.ROOT), recipients));
    }

    /** The Message-ID header of the message a notification is about, or null. */
    public String messageId(JsonNode notification) {
        return notification.path("mail").path("commonHeaders").path("messageId").asText(null);
    }

    private static List<DeliveryFailure> bounced(JsonNode bounce) {
        List<DeliveryFailure> failures = new ArrayList<>();
        for (JsonNode r : bounce.path("bouncedRecipients")) {
            String diagnostic = SmtpText.collapse(
                    HeaderFields.untyped(r.path("diagnosticCode").asText(null)));
            String status = r.path("status").asText(null);
            failures.add(new DeliveryFailure(
                    address(r),
                    r.path("action").asText("failed").toLowerCase(Locale.ROOT),
                    SmtpText.preferredStatus(SmtpText.status(status), SmtpText.status(diagnostic)),
                    SmtpText.replyCode(diagnostic),
                    diagnostic,
                    SmtpCommand.find(diagnostic),
                    null,
                    null));
        }
        return failures;
    }

    private static List<DeliveryFailure> delivered(JsonNode delivery) {
        String response = delivery.path("smtpResponse").asText(null);
        List<DeliveryFailure> recipients = new ArrayList<>();
        for (JsonNode r : delivery.path("recipients")) {
            recipients.add(new DeliveryFailure(
                    SmtpText.address(r.asText()),
                    "delivered",
                    SmtpText.status(response),
                    SmtpText.replyCode(response),
                    response,
                    null,
                    null,
                    null));
        }
        return recipients;
    }

    private static String type(JsonNode notification) {
        String type = notification
                .path("notificationType")
                .asText(notification.path("eventType").asText(""));
        return type.toLowerCase(Locale.ROOT);
    }

    private static String address(JsonNode recipient) {
        return SmtpText.address(recipient.path("emailAddress").asText(recipient.asText()));
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            return JSON.missingNode();
        }
    }
}
