package io.penguinmails.campaign.service.engagement;

import io.penguinmails.campaign.repository.ProcessedEventRepository;
import io.penguinmails.campaign.repository.UnmatchedMessageRepository;
import io.penguinmails.contracts.MailEvent;
import io.penguinmails.contracts.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;

/**
 * Applies inbound mail events (replies, bounces, complaints and auto-replies) exactly once: the {@code processed_events}
 * row, the effect and its outbox events commit together, and a redelivered ce_id changes nothing. What cannot be
 * matched to a campaign email is kept in {@code unmatched_messages}.
 */
@ApplicationScoped
public class InboundMailService {

    private final ProcessedEventRepository processed;
    private final UnmatchedMessageRepository unmatched;
    private final ReplyHandler replies;
    private final BounceHandler bounces;
    private final ComplaintHandler complaints;
    private final AutoReplyHandler autoReplies;

    InboundMailService(
            ProcessedEventRepository processed,
            UnmatchedMessageRepository unmatched,
            ReplyHandler replies,
            BounceHandler bounces,
            ComplaintHandler complaints,
            AutoReplyHandler autoReplies) {
        this.processed = processed;
        this.unmatched = unmatched;
        this.replies = replies;
        this.bounces = bounces;
        this.complaints = complaints;
        this.autoReplies = autoReplies;
    }

    /**
     * Applies events read from the inbound topics, whose contracts the caller has checked, in one transaction.
     * Should one fail, none is applied; the caller can then apply them one at a time.
     */
    @Transactional
    public void applyAll(List<InboundMail> mails) {
        for (InboundMail mail : mails) {
            apply(mail);
        }
    }

    private void apply(InboundMail mail) {
        MailEvent event = mail.event();
        UUID tenantId = UUID.fromString(event.tenantId());
        if (!processed.markProcessed(mail.eventId(), tenantId, mail.topic())) {
            return;
        }
        for (String reason : dispatch(mail.eventId(), tenantId, mail.topic(), event)) {
            unmatched.insert(tenantId, mail.eventId(), mail.topic(), event, reason);
        }
    }

    private List<String> dispatch(String eventId, UUID tenantId, String topic, MailEvent event) {
        return switch (topic) {
            case Topics.MAIL_INBOUND -> replies.apply(tenantId, event);
            case Topics.MAIL_AUTOREPLY -> autoReplies.apply(tenantId, event);
            case Topics.MAIL_BOUNCE -> "complaint".equals(event.messageType())
                    ? complaints.apply(tenantId, event)
                    : bounces.apply(eventId, tenantId, event);
            default -> throw new IllegalArgumentException("not an inbound mail topic: " + topic);
        };
    }

    /**
     * An inbound mail event as consumed.
     *
     * @param eventId the record's ce_id
     * @param topic the topic it was read from
     */
    public record InboundMail(String eventId, String topic, MailEvent event) {}
}
