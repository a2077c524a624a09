package io.penguinmails.content.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.penguinmails.content.StoredAttachment;
import io.penguinmails.content.StoredMessage;
import io.penguinmails.content.rest.MessageView;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Builds the API view of a stored message; stored JSON columns are passed through as JSON, not as strings. */
@ApplicationScoped
public class MessageViewMapper {

    private final ObjectMapper json;

    MessageViewMapper(ObjectMapper json) {
        this.json = json;
    }

    /** The view of a message with its attachment list. */
    public MessageView toView(StoredMessage m, List<StoredAttachment> attachments) {
        return new MessageView(
                m.storageKey(),
                m.emailAccountId(),
                m.campaignId(),
                m.leadId(),
                m.stepId(),
                m.direction(),
                m.messageType(),
                m.status(),
                m.messageId(),
                m.inReplyTo(),
                m.references(),
                new MessageView.Address(m.fromEmail(), m.fromName()),
                tree(m.toJson()),
                tree(m.ccJson()),
                m.subject(),
                m.sentDate(),
                m.receivedAt(),
                m.parentStorageKey(),
                m.contentText(),
                m.contentHtml(),
                tree(m.headersJson()),
                tree(m.bounceJson()),
                tree(m.autoReplyJson()),
                attachments.stream().map(MessageViewMapper::attachment).toList());
    }

    private static MessageView.Attachment attachment(StoredAttachment a) {
        return new MessageView.Attachment(
                a.id(), a.filename(), a.mimeType(), a.sizeBytes(), a.sha256(), a.disposition(), a.contentId());
    }

    private JsonNode tree(String stored) {
        if (stored == null) {
            return null;
        }
        try {
            return json.readTree(stored);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is unreadable", e);
        }
    }
}
