package io.penguinmails.campaign;

import java.util.UUID;

/**
 * A campaign email as the engagement loop matched it: who it went to, from which campaign step and mailbox. The
 * message fields are {@code null} when only the enrollment is known (nothing recorded for that step yet).
 *
 * @param messageId the RFC 5322 Message-ID it was sent with
 * @param storageKey its key in content-service, which analytics counts unique opens and clicks on
 * @param leadEmail the lead's address, lower-cased
 */
public record SentMessage(
        UUID tenantId,
        UUID campaignId,
        UUID stepId,
        UUID enrollmentId,
        UUID leadId,
        UUID emailAccountId,
        String messageId,
        String storageKey,
        String leadEmail) {}
