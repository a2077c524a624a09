package io.penguinmails.analytics.rest;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.LocalDate;

/**
 * One day of a mailbox's warm-up traffic in {@code GET /v1/analytics/mailboxes/{id}/warmup}. {@code reputation_score}
 * is the day's share of warm-up mails that were opened or replied to, a whole percent from 0 to 100 (0 on a day
 * without warm-up sends).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record WarmupDayView(
        LocalDate date, long emailsSent, long opensReceived, long repliesReceived, int reputationScore) {}
