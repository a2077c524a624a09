package io.penguinmails.analytics.rest;

import java.util.List;

/** The body of {@code GET /v1/analytics/daily}: the matching rows, ordered by date, campaign and mailbox. */
public record DailyResponse(List<DayView> days) {}
