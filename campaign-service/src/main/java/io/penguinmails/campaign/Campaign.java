package io.penguinmails.campaign;

import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

/**
 * A campaign as stored: its sending rules and state. Steps and mailboxes are kept apart.
 *
 * @param windowDays ISO days of week (1 = Monday) on which emails may go out
 * @param windowStart the local time the window opens, in the lead's (or the campaign's) time zone
 * @param windowEnd the local time it closes (exclusive)
 */
public record Campaign(
        UUID id,
        UUID tenantId,
        String name,
        String status,
        String timezone,
        List<Integer> windowDays,
        LocalTime windowStart,
        LocalTime windowEnd,
        int minSpacingSeconds,
        int maxSpacingSeconds,
        boolean trackOpens,
        boolean trackClicks,
        Instant scheduledAt,
        Instant startedAt,
        Instant completedAt,
        Instant created) {}
