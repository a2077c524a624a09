package io.penguinmails.content;

import io.penguinmails.contracts.MailEvent;
import io.penguinmails.contracts.OutboundMailEvent;
import java.util.List;
import java.util.UUID;

/**
 * A consumed mail event checked and encoded, ready to be written: everything that can fail on the record itself has
 * failed before this exists, so a batch of these is written in one transaction.
 *
 * @param inbound the event of an inbound message, null for outbound
 * @param outbound the event of an outbound message, null for inbound
 * @param contentHash SHA-256 of the raw message (inbound) or of subject, text and html (outbound)
 * @param searchText the text the full-text vector is computed from
 */
public record PreparedMessage(
        String eventId,
        String topic,
        UUID tenantId,
        String storageKey,
        MailEvent inbound,
        OutboundMailEvent outbound,
        EncodedMessage content,
        String contentHash,
        String subject,
        String searchText,
        List<Attachment> attachments) {

    /** Size of the stored raw value (of the stored bodies for outbound mail, which has no raw form). */
    public int storedSize() {
        return content.raw() == null ? content.bodies().length : content.raw().length;
    }

    /** Original size of the raw message (of the bodies for outbound mail). */
    public int rawSize() {
        return content.raw() == null ? content.bodySize() : content.rawSize();
    }

    /** An attachment whose bytes matched its SHA-256. */
    public record Attachment(int position, MailEvent.Attachment meta, byte[] bytes) {}
}
