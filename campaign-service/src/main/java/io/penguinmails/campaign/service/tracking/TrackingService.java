package io.penguinmails.campaign.service.tracking;

import io.penguinmails.campaign.SentMessage;
import io.penguinmails.campaign.repository.EnrollmentStateRepository;
import io.penguinmails.campaign.repository.MessageMatchRepository;
import io.penguinmails.campaign.repository.SuppressionRepository;
import io.penguinmails.campaign.repository.TrackingEventRepository;
import io.penguinmails.campaign.service.engagement.EngagementEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Records what a recipient did with a campaign email through a verified token: the enrollment's engagement columns, a
 * {@code tracking_events} row and an analytics event commit together. Every open and click is published; analytics
 * counts them once per message through the sent message's storage_key.
 */
@ApplicationScoped
public class TrackingService {

    private final MessageMatchRepository messages;
    private final EnrollmentStateRepository enrollments;
    private final TrackingEventRepository trackingEvents;
    private final SuppressionRepository suppressions;
    private final EngagementEvents events;
    private final Clock clock;

    TrackingService(
            MessageMatchRepository messages,
            EnrollmentStateRepository enrollments,
            TrackingEventRepository trackingEvents,
            SuppressionRepository suppressions,
            EngagementEvents events,
            Clock clock) {
        this.messages = messages;
        this.enrollments = enrollments;
        this.trackingEvents = trackingEvents;
        this.suppressions = suppressions;
        this.events = events;
        this.clock = clock;
    }

    /** Records an open of the email the token names; nothing when its enrollment is gone. */
    @Transactional
    public void recordOpen(TrackingToken token, String userAgent) {
        Instant now = clock.instant();
        sentMessage(token).ifPresent(message -> {
            enrollments.markOpened(message.tenantId(), message.enrollmentId(), now);
            trackingEvents.insert("opened", message, null, userAgent, now);
            events.analytics("opened", message, message.storageKey(), now);
        });
    }

    /** Records a click on the token's link; nothing when its enrollment is gone. */
    @Transactional
    public void recordClick(TrackingToken token, String userAgent) {
        Instant now = clock.instant();
        sentMessage(token).ifPresent(message -> {
            enrollments.markClicked(message.tenantId(), message.enrollmentId(), now);
            trackingEvents.insert("clicked", message, token.url(), userAgent, now);
            events.analytics("clicked", message, message.storageKey(), now);
        });
    }

    /**
     * Unsubscribes the token's lead: suppressed tenant-wide at once and every active enrollment of it stopped
     * (status {@code unsubscribed}); counted once per enrollment whose link was used.
     *
     * @return {@code false} when the token's enrollment is gone, so nothing was done
     */
    @Transactional
    public boolean unsubscribe(TrackingToken token, String userAgent) {
        Optional<SentMessage> found = sentMessage(token);
        if (found.isEmpty()) {
            return false;
        }
        SentMessage message = found.get();
        Instant now = clock.instant();
        suppressions.suppress(message.tenantId(), message.leadEmail(), "unsubscribed", "unsubscribe_link");
        boolean first = enrollments.markUnsubscribed(message.tenantId(), message.enrollmentId(), now);
        enrollments.stopLead(message.tenantId(), message.leadId(), "unsubscribed", now);
        if (first) {
            trackingEvents.insert("unsubscribed", message, null, userAgent, now);
            events.analytics("unsubscribed", message, message.storageKey(), now);
        }
        return true;
    }

    /** The email the token was minted for, when its enrollment still exists for that tenant and lead. */
    private Optional<SentMessage> sentMessage(TrackingToken token) {
        return messages.forTracking(token.tenantId(), token.enrollmentId(), token.stepId())
                .filter(message -> message.leadId().equals(token.leadId()));
    }
}
