package io.penguinmails.ingest.mapping;

import io.penguinmails.contracts.MailEvent;
import io.penguinmails.contracts.StorageKeys;
import io.penguinmails.ingest.Classification;
import io.penguinmails.ingest.ParsedMessage;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/** Turns a parsed and classified message into the {@link MailEvent} the mail topics carry. */
@ApplicationScoped
public class MailEventMapper {

    /** The event of one message; the raw bytes travel with it so content-service can return the original. */
    public MailEvent toEvent(Inbound inbound, ParsedMessage parsed, Classification classification) {
        return new MailEvent(
                MailEvent.SCHEMA_VERSION,
                inbound.storageKey(),
                inbound.tenantId().toString(),
                inbound.emailAccountId(),
                classification.messageType(),
                inbound.receivedAt(),
                NulCharacters.clean(parsed.messageId()),
                NulCharacters.clean(parsed.inReplyTo()),
                NulCharacters.cleanAll(parsed.references()),
                NulCharacters.clean(parsed.from()),
                NulCharacters.cleanAddresses(parsed.to()),
                NulCharacters.cleanAddresses(parsed.cc()),
                NulCharacters.clean(parsed.subject()),
                parsed.date(),
                NulCharacters.clean(parsed.text()),
                NulCharacters.clean(parsed.html()),
                NulCharacters.cleanHeaders(parsed.headers()),
                attachments(parsed.attachments()),
                Base64.getEncoder().encodeToString(inbound.raw()),
                NulCharacters.clean(classification.bounce()),
                NulCharacters.clean(classification.autoReply()),
                NulCharacters.cleanAll(parsed.problems()));
    }

    private static List<MailEvent.Attachment> attachments(List<ParsedMessage.Part> parts) {
        return parts.stream()
                .map(p -> new MailEvent.Attachment(
                        NulCharacters.clean(p.filename()),
                        NulCharacters.clean(p.mimeType()),
                        p.content().length,
                        StorageKeys.sha256Hex(p.content()),
                        NulCharacters.clean(p.disposition()),
                        NulCharacters.clean(p.contentId()),
                        Base64.getEncoder().encodeToString(p.content())))
                .toList();
    }

    /**
     * One submitted message with where it came from.
     *
     * @param emailAccountId the mailbox it arrived in, when known
     */
    public record Inbound(UUID tenantId, String emailAccountId, String storageKey, Instant receivedAt, byte[] raw) {}
}
