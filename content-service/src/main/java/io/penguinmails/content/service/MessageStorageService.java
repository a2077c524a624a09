package io.penguinmails.content.service;

import io.penguinmails.content.config.ContentConfig;
import io.penguinmails.content.repository.MessageWriteRepository;
import io.penguinmails.content.repository.ProcessedEventRepository;
import io.penguinmails.contracts.CloudEvent;
import io.penguinmails.contracts.InvalidEventException;
import io.penguinmails.contracts.MailEvent;
import io.penguinmails.contracts.OutboundMailEvent;
import io.penguinmails.contracts.StorageKeys;
import io.penguinmails.contracts.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Stores one mail event: metadata, content and attachments in one transaction together with the event id, so a
 * redelivered or replayed event, or the same message under another event id, leaves exactly one stored copy.
 */
@ApplicationScoped
public class MessageStorageService {

    private final MessageWriteRepository messages;
    private final ProcessedEventRepository processed;
    private final RawCompressor compressor;
    private final ContentConfig config;

    MessageStorageService(
            MessageWriteRepository messages,
            ProcessedEventRepository processed,
            RawCompressor compressor,
            ContentConfig config) {
        this.messages = messages;
        this.processed = processed;
        this.compressor = compressor;
        this.config = config;
    }

    /**
     * Stores an inbound mail event received on a topic.
     *
     * @return true when it was stored now, false when it had been before
     * @throws InvalidEventException when the event cannot be stored as it is
     */
    @Transactional
    public boolean storeInbound(CloudEvent envelope, String topic, MailEvent event) {
        UUID tenantId = tenantOf(event.tenantId());
        if (!processed.markProcessed(envelope.id(), tenantId, topic)) {
            return false;
        }
        String parent = messages.storageKeyOfMessageId(tenantId, event.inReplyTo());
        if (!messages.insertMessage(event, tenantId, "inbound", "received", parent)) {
            return false;
        }
        messages.insertContent(event, tenantId, raw(event), config.retentionDays());
        storeAttachments(tenantId, event);
        return true;
    }

    /**
     * Stores a sent (or failed) campaign email: its rendered bodies, without raw bytes, which campaign-service does
     * not publish.
     *
     * @return true when it was stored now, false when it had been before
     * @throws InvalidEventException when the event cannot be stored as it is
     */
    @Transactional
    public boolean storeOutbound(CloudEvent envelope, OutboundMailEvent event) {
        UUID tenantId = tenantOf(event.tenantId());
        if (!processed.markProcessed(envelope.id(), tenantId, Topics.MAIL_OUTBOUND)) {
            return false;
        }
        if (!messages.insertOutboundMessage(event, tenantId)) {
            return false;
        }
        messages.insertOutboundContent(event, tenantId, config.retentionDays());
        return true;
    }

    private void storeAttachments(UUID tenantId, MailEvent event) {
        List<MailEvent.Attachment> attachments = event.attachments() == null ? List.of() : event.attachments();
        for (int position = 0; position < attachments.size(); position++) {
            MailEvent.Attachment attachment = attachments.get(position);
            byte[] bytes = decode(attachment.contentBase64(), "attachment " + position);
            if (!StorageKeys.sha256Hex(bytes).equals(attachment.sha256())) {
                throw new InvalidEventException("attachment " + position + " does not match its sha256");
            }
            messages.upsertBlob(tenantId, attachment.sha256(), bytes);
            messages.insertAttachment(tenantId, event.storageKey(), position, attachment);
        }
    }

    private MessageWriteRepository.StoredRaw raw(MailEvent event) {
        byte[] raw = decode(event.rawBase64(), "raw_base64");
        return new MessageWriteRepository.StoredRaw(
                compressor.compress(raw), raw.length, StorageKeys.sha256Hex(raw), RawCompressor.ALGORITHM);
    }

    private static UUID tenantOf(String tenantId) {
        try {
            return UUID.fromString(tenantId);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidEventException("tenant_id is not a UUID");
        }
    }

    private static byte[] decode(String base64, String what) {
        try {
            return Base64.getDecoder().decode(base64 == null ? "" : base64);
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException(what + " is not valid base64");
        }
    }
}
