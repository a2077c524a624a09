package io.penguinmails.analytics.rest;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** The body of {@code GET /v1/analytics/campaigns/{id}/steps}: the campaign's steps ordered by step id. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record StepsResponse(String campaignId, List<StepView> steps) {}
