package io.penguinmails.analytics.rest;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** The body of {@code GET /v1/analytics/mailboxes/{id}/warmup}: the mailbox's days with warm-up traffic, oldest first. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record WarmupResponse(String mailboxId, List<WarmupDayView> days) {}
