package io.penguinmails.campaign.service.tracking;

import java.util.UUID;

/**
 * Which campaign email a tracking or unsubscribe link belongs to: the sequence engine builds one per message it sends.
 *
 * @param messageId the RFC 5322 Message-ID the email is sent with
 */
public record SentMessageRef(
        UUID tenantId,
        UUID campaignId,
        UUID stepId,
        UUID enrollmentId,
        UUID leadId,
        UUID emailAccountId,
        String messageId) {}
