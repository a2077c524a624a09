package io.penguinmails.campaign.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.UUID;

/**
 * One page of leads; pass {@code next_after} as {@code after} for the next page (null on the last page).
 */
public record LeadPage(List<LeadView> items, @JsonProperty("next_after") UUID nextAfter) {}
