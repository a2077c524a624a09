package io.penguinmails.campaign.service.engagement;

import io.penguinmails.campaign.EngagementSettings;
import io.penguinmails.campaign.SentMessage;
import io.penguinmails.campaign.repository.CampaignShieldRepository;
import io.penguinmails.campaign.repository.EnrollmentStateRepository;
import io.penguinmails.campaign.repository.MessageMatchRepository;
import io.penguinmails.contracts.MailEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * An auto-reply is never a reply. An out-of-office ({@code auto_reply.kind = vacation}) pauses the lead's active
 * sequences until the return date it states, else for the campaign's {@code ooo_pause_days}; other auto-replies
 * (ticket receipts and the like) change nothing. Matched auto-replies are kept as inbound message references.
 */
@ApplicationScoped
public class AutoReplyHandler {

    private final MailMatcher matcher;
    private final MessageMatchRepository refs;
    private final EnrollmentStateRepository enrollments;
    private final CampaignShieldRepository campaigns;
    private final Clock clock;

    AutoReplyHandler(
            MailMatcher matcher,
            MessageMatchRepository refs,
            EnrollmentStateRepository enrollments,
            CampaignShieldRepository campaigns,
            Clock clock) {
        this.matcher = matcher;
        this.refs = refs;
        this.enrollments = enrollments;
        this.campaigns = campaigns;
        this.clock = clock;
    }

    /** Applies an auto-reply; returns why it could not be matched, or nothing when it was. */
    public List<String> apply(UUID tenantId, MailEvent event) {
        Optional<SentMessage> matched = matcher.forReply(tenantId, event);
        if (matched.isEmpty()) {
            return List.of("no campaign email matches In-Reply-To, References or the sender in this mailbox");
        }
        SentMessage message = matched.get();
        refs.insertInbound(message, InboundRefs.of(event));
        if (event.autoReply() != null && "vacation".equals(event.autoReply().kind())) {
            int days = campaigns
                    .settings(tenantId, message.campaignId())
                    .map(CampaignShieldRepository.Settings::oooPauseDays)
                    .orElse(EngagementSettings.DEFAULTS.oooPauseDays());
            enrollments.pauseLead(tenantId, message.leadId(), resumeAt(event.autoReply(), clock.instant(), days));
        }
        return List.of();
    }

    /**
     * When the lead's sequence resumes: the start (UTC) of the stated return date when it is still ahead, else {@code
     * days} from now.
     */
    static Instant resumeAt(MailEvent.AutoReply autoReply, Instant now, int days) {
        Instant fallback = now.plus(Duration.ofDays(days));
        if (autoReply.returnDate() == null) {
            return fallback;
        }
        try {
            Instant stated = LocalDate.parse(autoReply.returnDate())
                    .atStartOfDay(ZoneOffset.UTC)
                    .toInstant();
            return stated.isAfter(now) ? stated : fallback;
        } catch (DateTimeParseException unreadable) {
            return fallback;
        }
    }
}
