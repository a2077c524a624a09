package io.penguinmails.campaign.service.engagement;

import io.penguinmails.campaign.SentMessage;
import io.penguinmails.campaign.repository.EnrollmentStateRepository;
import io.penguinmails.campaign.repository.MessageMatchRepository;
import io.penguinmails.contracts.MailEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A reply from a lead stops that lead's sequence in the campaign (status {@code replied}), is kept as an inbound
 * message reference and counts once per enrollment as "replied".
 */
@ApplicationScoped
public class ReplyHandler {

    private final MailMatcher matcher;
    private final MessageMatchRepository refs;
    private final EnrollmentStateRepository enrollments;
    private final EngagementEvents events;

    ReplyHandler(
            MailMatcher matcher,
            MessageMatchRepository refs,
            EnrollmentStateRepository enrollments,
            EngagementEvents events) {
        this.matcher = matcher;
        this.refs = refs;
        this.enrollments = enrollments;
        this.events = events;
    }

    /** Applies a reply; returns why it could not be matched, or nothing when it was. */
    public List<String> apply(UUID tenantId, MailEvent event) {
        Optional<SentMessage> matched = matcher.forReply(tenantId, event);
        if (matched.isEmpty()) {
            return List.of("no campaign email matches In-Reply-To, References or the sender in this mailbox");
        }
        SentMessage message = matched.get();
        refs.insertInbound(message, InboundRefs.of(event));
        if (enrollments.markReplied(tenantId, message.enrollmentId(), event.receivedAt())) {
            events.analytics("replied", message, event.storageKey(), event.receivedAt());
        }
        return List.of();
    }
}
