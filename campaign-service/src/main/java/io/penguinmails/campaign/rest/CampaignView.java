package io.penguinmails.campaign.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.penguinmails.campaign.Campaign;
import io.penguinmails.campaign.CampaignStep;
import io.penguinmails.campaign.EngagementSettings;
import io.penguinmails.campaign.config.EngagementConfig;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A campaign as the API shows it, with its steps and its enrollments counted by status. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CampaignView(
        UUID id,
        String name,
        String status,
        String timezone,
        @JsonProperty("sending_window") CampaignRequests.Window sendingWindow,
        CampaignRequests.Tracking tracking,
        CampaignRequests.Spacing spacing,
        @JsonProperty("email_account_ids") List<UUID> emailAccountIds,
        List<StepView> steps,
        Map<String, Long> enrollments,
        Instant created,
        @JsonProperty("scheduled_at") Instant scheduledAt,
        @JsonProperty("started_at") Instant startedAt,
        @JsonProperty("completed_at") Instant completedAt,
        @JsonProperty("bounce_shield") BounceShieldView bounceShield,
        @JsonProperty("ooo_pause_days") Integer oooPauseDays) {

    /**
     * The bounce shield: the campaign's threshold, and how many recent sends it looks at and needs at least (both
     * service-wide settings).
     */
    public record BounceShieldView(BigDecimal threshold, int window, @JsonProperty("min_sample") int minSample) {}

    /** One step with how often it ran. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StepView(
            UUID id,
            int order,
            String type,
            @JsonProperty("template_id") UUID templateId,
            @JsonProperty("subject_override") String subjectOverride,
            @JsonProperty("from_name_override") String fromNameOverride,
            Integer minutes,
            Instant until,
            String condition,
            @JsonProperty("executed_count") long executedCount) {

        static StepView of(CampaignStep step) {
            return new StepView(
                    step.id(),
                    step.stepOrder(),
                    step.stepType(),
                    step.templateId(),
                    step.subjectOverride(),
                    step.fromNameOverride(),
                    step.waitMinutes(),
                    step.waitUntil(),
                    step.conditionType(),
                    step.executedCount());
        }
    }

    /** The view of a campaign; {@code engagement} null leaves its engagement rules out (as in lists). */
    static CampaignView of(
            Campaign campaign,
            List<UUID> mailboxes,
            List<CampaignStep> steps,
            Map<String, Long> enrollments,
            EngagementSettings engagement,
            EngagementConfig shield) {
        return new CampaignView(
                campaign.id(),
                campaign.name(),
                campaign.status(),
                campaign.timezone(),
                new CampaignRequests.Window(
                        campaign.windowDays(),
                        campaign.windowStart().toString(),
                        campaign.windowEnd().toString()),
                new CampaignRequests.Tracking(campaign.trackOpens(), campaign.trackClicks()),
                new CampaignRequests.Spacing(campaign.minSpacingSeconds(), campaign.maxSpacingSeconds()),
                mailboxes,
                steps == null ? null : steps.stream().map(StepView::of).toList(),
                enrollments,
                campaign.created(),
                campaign.scheduledAt(),
                campaign.startedAt(),
                campaign.completedAt(),
                engagement == null
                        ? null
                        : new BounceShieldView(
                                engagement.bounceShieldThreshold(),
                                shield.bounceShieldWindow(),
                                shield.bounceShieldMinSample()),
                engagement == null ? null : engagement.oooPauseDays());
    }
}
