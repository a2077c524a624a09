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
 * Applies one inbound mail event (reply, bounce, complaint or auto-reply) exactly once: the {@code processed_events}
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
     * Applies an event read from {@code topic}, whose contract the caller has checked.
     *
     * @param eventId the record's ce_id
     */
    @Transactional
    public void apply(String eventId, String topic, MailEvent event) {
        UUID tenantId = UUID.fromString(event.tenantId());
        if (!processed.markProcessed(eventId, tenantId, topic)) {
            return;
        }
        for (String reason : dispatch(eventId, tenantId, topic, event)) {
            unmatched.insert(tenantId, eventId, topic, event, reason);
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
}
