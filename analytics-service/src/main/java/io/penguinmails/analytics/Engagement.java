package io.penguinmails.analytics;

import java.util.UUID;

/**
 * An open or a click of one message; only the first of each counts.
 *
 * @param tenantId the message's tenant
 * @param type {@code opened} or {@code clicked}
 * @param messageKey the message, see {@link Attribution#messageKey}
 */
public record Engagement(UUID tenantId, String type, String messageKey) {}
