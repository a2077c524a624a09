package io.penguinmails.campaign;

import java.time.Instant;
import java.util.UUID;

/**
 * An enrollment the engine claimed because it is due, with the lead fields its next step needs.
 *
 * @param stepOrder the step to run next (1-based)
 * @param emailAccountId the mailbox the lead is stuck to after its first email, or null
 * @param attempts how often the current step failed transiently
 * @param sendingMessageId the Message-ID of an unresolved send claim, or null
 * @param threadMessageId the Message-ID of the first email the campaign sent the lead, or null
 * @param customFieldsJson the lead's custom fields as JSON text
 * @param sendingSince when the unresolved send claim was made (its mailbox reservation counts on that UTC day), or null
 * @param sendingStartedAt when that claim's SMTP call started, or null while it never did
 */
public record DueEnrollment(
        UUID id,
        UUID tenantId,
        UUID campaignId,
        UUID leadId,
        int stepOrder,
        UUID emailAccountId,
        int attempts,
        String sendingMessageId,
        UUID sendingEmailAccountId,
        String threadMessageId,
        String threadSubject,
        Instant openedAt,
        Instant clickedAt,
        Instant repliedAt,
        String email,
        String firstName,
        String lastName,
        String company,
        String position,
        String timezone,
        String customFieldsJson,
        Instant sendingSince,
        Instant sendingStartedAt) {}
