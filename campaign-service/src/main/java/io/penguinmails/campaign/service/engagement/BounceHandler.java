package io.penguinmails.campaign.service.engagement;

import io.penguinmails.campaign.SentMessage;
import io.penguinmails.campaign.config.EngagementConfig;
import io.penguinmails.campaign.repository.BounceRepository;
import io.penguinmails.campaign.repository.EnrollmentStateRepository;
import io.penguinmails.campaign.repository.SuppressionRepository;
import io.penguinmails.contracts.MailEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Applies a delivery failure report per recipient. A hard bounce suppresses the address tenant-wide, stops the lead's
 * active enrollments (status {@code bounced}), counts as "bounced" and feeds the bounce shield. A soft bounce sends the
 * same email step again after a delay, up to a limit, then marks the lead failed.
 */
@ApplicationScoped
public class BounceHandler {

    private final MailMatcher matcher;
    private final BounceRepository bounces;
    private final SuppressionRepository suppressions;
    private final EnrollmentStateRepository enrollments;
    private final EngagementEvents events;
    private final BounceShield shield;
    private final EngagementConfig config;
    private final Clock clock;

    BounceHandler(
            MailMatcher matcher,
            BounceRepository bounces,
            SuppressionRepository suppressions,
            EnrollmentStateRepository enrollments,
            EngagementEvents events,
            BounceShield shield,
            EngagementConfig config,
            Clock clock) {
        this.matcher = matcher;
        this.bounces = bounces;
        this.suppressions = suppressions;
        this.enrollments = enrollments;
        this.events = events;
        this.shield = shield;
        this.config = config;
        this.clock = clock;
    }

    /** Applies a bounce report; returns why recipients could not be matched, or nothing when all were. */
    public List<String> apply(String eventId, UUID tenantId, MailEvent event) {
        List<MailEvent.BounceRecipient> recipients =
                event.bounce() == null || event.bounce().recipients() == null
                        ? List.of()
                        : event.bounce().recipients();
        if (recipients.isEmpty()) {
            return List.of("bounce report names no failed recipient");
        }
        Optional<SentMessage> original = matcher.original(tenantId, event);
        List<String> unmatched = new ArrayList<>();
        Set<UUID> hardBouncedCampaigns = new LinkedHashSet<>();
        for (MailEvent.BounceRecipient recipient : recipients) {
            Optional<SentMessage> message =
                    matcher.forRecipient(tenantId, event, original, recipient.recipient(), recipients.size());
            if (message.isEmpty()) {
                unmatched.add("no campaign email to bounced recipient " + recipient.recipient());
            } else if (recipient.hard()) {
                hard(eventId, event, message.get(), recipient);
                hardBouncedCampaigns.add(message.get().campaignId());
            } else {
                soft(eventId, event, message.get(), recipient);
            }
        }
        hardBouncedCampaigns.forEach(campaignId -> shield.check(tenantId, campaignId));
        return unmatched;
    }

    private void hard(String eventId, MailEvent event, SentMessage message, MailEvent.BounceRecipient recipient) {
        boolean first = !bounces.hardBounced(message.tenantId(), message.enrollmentId(), message.messageId());
        bounces.insert(message, bounce(eventId, event, recipient));
        suppressions.suppress(message.tenantId(), message.leadEmail(), "hard_bounce", "bounce");
        enrollments.stopLead(message.tenantId(), message.leadId(), "bounced", event.receivedAt());
        if (first) {
            events.analytics("bounced", message, event.storageKey(), event.receivedAt());
        }
    }

    private void soft(String eventId, MailEvent event, SentMessage message, MailEvent.BounceRecipient recipient) {
        bounces.insert(message, bounce(eventId, event, recipient));
        String error = "soft bounce " + describe(recipient);
        int softBounces = bounces.softBounces(message.tenantId(), message.enrollmentId(), message.stepId());
        Optional<Integer> stepOrder = enrollments.stepOrder(message.tenantId(), message.stepId());
        if (softBounces > config.softBounceMaxRetries() || stepOrder.isEmpty()) {
            enrollments.fail(message.tenantId(), message.enrollmentId(), error + " (retries exhausted)");
            return;
        }
        Instant retryAt = clock.instant().plus(config.softBounceRetryDelay());
        enrollments.retryStep(message.tenantId(), message.enrollmentId(), stepOrder.get(), retryAt, error);
    }

    private static BounceRepository.Bounce bounce(
            String eventId, MailEvent event, MailEvent.BounceRecipient recipient) {
        return new BounceRepository.Bounce(
                eventId,
                MailMatcher.lower(recipient.recipient()),
                recipient.hard(),
                recipient.status(),
                describe(recipient),
                event.storageKey(),
                event.receivedAt());
    }

    private static String describe(MailEvent.BounceRecipient recipient) {
        StringBuilder text = new StringBuilder();
        for (String part : new String[] {recipient.status(), recipient.reason(), recipient.diagnostic()}) {
            if (part != null && !part.isBlank()) {
                text.append(text.isEmpty() ? "" : " ").append(part.strip());
            }
        }
        return text.toString();
    }
}
