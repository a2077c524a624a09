package io.penguinmails.campaign;

import java.time.Instant;
import java.util.UUID;

/**
 * One step of a campaign's sequence.
 *
 * @param stepOrder 1-based position in the sequence
 * @param stepType email, wait or condition
 * @param waitMinutes for a wait: how long, or null when it waits until {@code waitUntil}
 * @param conditionType for a condition: always, no_reply, no_open or no_click
 */
public record CampaignStep(
        UUID id,
        int stepOrder,
        String stepType,
        UUID templateId,
        String subjectOverride,
        String fromNameOverride,
        Integer waitMinutes,
        Instant waitUntil,
        String conditionType,
        long executedCount) {

    /** Whether two steps do the same thing (ids and counters aside). */
    public boolean sameDefinition(CampaignStep other) {
        return stepOrder == other.stepOrder
                && stepType.equals(other.stepType)
                && java.util.Objects.equals(templateId, other.templateId)
                && java.util.Objects.equals(subjectOverride, other.subjectOverride)
                && java.util.Objects.equals(fromNameOverride, other.fromNameOverride)
                && java.util.Objects.equals(waitMinutes, other.waitMinutes)
                && java.util.Objects.equals(waitUntil, other.waitUntil)
                && java.util.Objects.equals(conditionType, other.conditionType);
    }
}
