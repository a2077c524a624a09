package io.penguinmails.campaign.service.engagement;

import io.penguinmails.campaign.SentMessage;
import io.penguinmails.campaign.repository.ComplaintRepository;
import io.penguinmails.campaign.repository.EnrollmentStateRepository;
import io.penguinmails.campaign.repository.SuppressionRepository;
import io.penguinmails.contracts.MailEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A spam complaint (ARF feedback report) suppresses the address tenant-wide, is recorded in {@code complaints}, stops
 * the lead's active enrollments (status {@code complained}) and counts once per complained-about email as
 * "complained".
 */
@ApplicationScoped
public class ComplaintHandler {

    private final MailMatcher matcher;
    private final ComplaintRepository complaints;
    private final SuppressionRepository suppressions;
    private final EnrollmentStateRepository enrollments;
    private final EngagementEvents events;

    ComplaintHandler(
            MailMatcher matcher,
            ComplaintRepository complaints,
            SuppressionRepository suppressions,
            EnrollmentStateRepository enrollments,
            EngagementEvents events) {
        this.matcher = matcher;
        this.complaints = complaints;
        this.suppressions = suppressions;
        this.enrollments = enrollments;
        this.events = events;
    }

    /** Applies a complaint; returns why it could not be matched, or nothing when it was. */
    public List<String> apply(UUID tenantId, MailEvent event) {
        List<SentMessage> messages = complainedAbout(tenantId, event);
        if (messages.isEmpty()) {
            return List.of("no campaign email matches the complaint's original Message-ID or recipients");
        }
        String feedbackType = event.bounce() == null ? null : event.bounce().feedbackType();
        for (SentMessage message : messages) {
            boolean first = !complaints.exists(tenantId, message.enrollmentId(), message.messageId());
            complaints.insert(message, feedbackType, event.storageKey(), event.receivedAt());
            suppressions.suppress(tenantId, message.leadEmail(), "complaint", "complaint");
            enrollments.stopLead(tenantId, message.leadId(), "complained", event.receivedAt());
            if (first) {
                events.analytics("complained", message, event.storageKey(), event.receivedAt());
            }
        }
        return List.of();
    }

    /** The original email when the report names it, else the latest campaign email to each reported recipient. */
    private List<SentMessage> complainedAbout(UUID tenantId, MailEvent event) {
        Optional<SentMessage> original = matcher.original(tenantId, event);
        if (original.isPresent()) {
            return List.of(original.get());
        }
        List<MailEvent.BounceRecipient> recipients =
                event.bounce() == null || event.bounce().recipients() == null
                        ? List.of()
                        : event.bounce().recipients();
        Map<UUID, SentMessage> byLead = new LinkedHashMap<>();
        for (MailEvent.BounceRecipient recipient : recipients) {
            matcher.forRecipient(tenantId, event, Optional.empty(), recipient.recipient(), recipients.size())
                    .ifPresent(message -> byLead.putIfAbsent(message.leadId(), message));
        }
        return new ArrayList<>(byLead.values());
    }
}
