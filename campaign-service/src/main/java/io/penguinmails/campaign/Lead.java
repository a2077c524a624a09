package io.penguinmails.campaign;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A lead of one tenant; unique per tenant by its lower-cased email.
 *
 * @param customFields the columns of its import beyond the known ones, keys lower-cased, values as text
 */
public record Lead(
        UUID id,
        UUID tenantId,
        String email,
        String firstName,
        String lastName,
        String company,
        String position,
        String timezone,
        Map<String, String> customFields,
        Instant created,
        Instant updated) {}
