package io.penguinmails.campaign.service.engagement;

import io.penguinmails.campaign.repository.MessageMatchRepository.InboundRef;
import io.penguinmails.contracts.MailEvent;

/** The inbound message reference of a matched reply or auto-reply. */
final class InboundRefs {

    private InboundRefs() {}

    /** The reference of {@code event}; a message without a Message-ID is identified by its storage key. */
    static InboundRef of(MailEvent event) {
        String messageId = event.messageId() == null || event.messageId().isBlank()
                ? "<" + event.storageKey() + ">"
                : event.messageId().strip();
        return new InboundRef(
                event.messageType(),
                messageId,
                event.inReplyTo(),
                event.storageKey(),
                event.subject(),
                event.receivedAt());
    }
}
