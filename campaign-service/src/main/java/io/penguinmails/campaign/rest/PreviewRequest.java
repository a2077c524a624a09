package io.penguinmails.campaign.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.UUID;

/** The body of {@code POST /v1/templates/{id}/preview}. */
public record PreviewRequest(@JsonProperty("lead_id") UUID leadId) {}
