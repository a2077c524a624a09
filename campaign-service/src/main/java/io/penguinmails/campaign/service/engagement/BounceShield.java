package io.penguinmails.campaign.service.engagement;

import io.penguinmails.campaign.config.EngagementConfig;
import io.penguinmails.campaign.repository.CampaignShieldRepository;
import io.penguinmails.campaign.repository.CampaignShieldRepository.RecentSends;
import io.penguinmails.campaign.repository.CampaignShieldRepository.Settings;
import io.penguinmails.campaign.service.AuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Pauses a sending campaign whose hard-bounce rate over its most recent sends exceeds its {@code
 * bounce_shield_threshold}, so a bad list does not ruin the tenant's mailboxes' reputation; the pause is audited and
 * raised as a notification.
 */
@ApplicationScoped
public class BounceShield {

    /** The audit action and notification kind of a shield pause. */
    public static final String PAUSED = "campaign.paused";

    private final CampaignShieldRepository campaigns;
    private final EngagementConfig config;
    private final AuditLog audit;
    private final EngagementEvents events;

    BounceShield(CampaignShieldRepository campaigns, EngagementConfig config, AuditLog audit, EngagementEvents events) {
        this.campaigns = campaigns;
        this.config = config;
        this.audit = audit;
        this.events = events;
    }

    /** Checks a campaign after one of its emails hard-bounced; call it in the transaction that recorded the bounce. */
    public void check(UUID tenantId, UUID campaignId) {
        Optional<Settings> settings = campaigns.settings(tenantId, campaignId);
        if (settings.isEmpty() || !"sending".equals(settings.get().status())) {
            return;
        }
        RecentSends recent = campaigns.recentSends(tenantId, campaignId, config.bounceShieldWindow());
        BigDecimal threshold = settings.get().bounceShieldThreshold();
        if (recent.sends() < config.bounceShieldMinSample() || !exceeds(recent, threshold)) {
            return;
        }
        String reason = String.format(
                "bounce shield: %d of the last %d sends hard-bounced (threshold %s%%)",
                recent.hardBounces(), recent.sends(), percent(threshold));
        if (campaigns.pause(tenantId, campaignId, reason)) {
            raise(tenantId, campaignId, settings.get().name(), reason, recent, threshold);
        }
    }

    /** Whether bounces / sends is above the threshold, compared exactly. */
    static boolean exceeds(RecentSends recent, BigDecimal threshold) {
        return BigDecimal.valueOf(recent.hardBounces())
                        .compareTo(threshold.multiply(BigDecimal.valueOf(recent.sends())))
                > 0;
    }

    private void raise(
            UUID tenantId, UUID campaignId, String name, String reason, RecentSends recent, BigDecimal threshold) {
        Map<String, String> details = Map.of(
                "reason", reason,
                "sends", String.valueOf(recent.sends()),
                "hard_bounces", String.valueOf(recent.hardBounces()),
                "threshold", threshold.toPlainString());
        audit.record(PAUSED, tenantId, "bounce-shield", campaignId.toString(), details);
        events.warn(
                tenantId,
                PAUSED,
                "Campaign \"" + name + "\" paused by the bounce shield",
                reason + ". Check the lead list, then resume the campaign.",
                campaignId.toString(),
                details);
    }

    private static String percent(BigDecimal fraction) {
        return fraction.multiply(BigDecimal.valueOf(100))
                .setScale(2, RoundingMode.HALF_UP)
                .stripTrailingZeros()
                .toPlainString();
    }
}
