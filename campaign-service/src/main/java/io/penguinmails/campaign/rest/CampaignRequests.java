package io.penguinmails.campaign.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/** The bodies of the campaign API, as clients send them (snake_case). */
public final class CampaignRequests {

    private CampaignRequests() {}

    /** {@code POST /v1/campaigns}. */
    public record Create(
            String name,
            @JsonProperty("email_account_ids") List<UUID> emailAccountIds,
            String timezone,
            @JsonProperty("sending_window") Window sendingWindow,
            Tracking tracking,
            Spacing spacing,
            List<Step> steps,
            @JsonProperty("bounce_shield") BounceShield bounceShield,
            @JsonProperty("ooo_pause_days") Integer oooPauseDays) {}

    /**
     * {@code PATCH /v1/campaigns/{id}}: the engagement rules to change; a field left out keeps its value.
     *
     * @param oooPauseDays days an out-of-office without a stated return date pauses the lead (1 to 90)
     */
    public record Settings(
            @JsonProperty("bounce_shield") BounceShield bounceShield,
            @JsonProperty("ooo_pause_days") Integer oooPauseDays) {}

    /**
     * The bounce shield's threshold: the hard-bounce rate over recent sends (a fraction from 0 to 1, at most four
     * decimals; 0.05 = 5 %) above which the campaign pauses.
     */
    public record BounceShield(BigDecimal threshold) {}

    /** Days (ISO, 1 = Monday .. 7 = Sunday) and local hours "HH:MM" in which emails go out. */
    public record Window(List<Integer> days, String start, String end) {}

    /** Whether emails carry an open pixel and click redirects. */
    public record Tracking(Boolean opens, Boolean clicks) {}

    /** The random delay between two sends of one mailbox, in seconds. */
    public record Spacing(
            @JsonProperty("min_seconds") Integer minSeconds, @JsonProperty("max_seconds") Integer maxSeconds) {}

    /**
     * One step: {@code email} (template_id, optional subject_override, from_name_override), {@code wait} (hours or
     * minutes or until, an ISO-8601 date-time or date) or {@code condition} (always, no_reply, no_open, no_click).
     */
    public record Step(
            String type,
            @JsonProperty("template_id") UUID templateId,
            @JsonProperty("subject_override") String subjectOverride,
            @JsonProperty("from_name_override") String fromNameOverride,
            Integer hours,
            Integer minutes,
            String until,
            String condition) {}

    /** {@code PUT /v1/campaigns/{id}/steps}. */
    public record Steps(List<Step> steps) {}

    /** {@code POST /v1/campaigns/{id}/enroll}: a list's name or lead ids. */
    public record Enroll(String list, @JsonProperty("lead_ids") List<UUID> leadIds) {}
}
