package io.penguinmails.campaign.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.UUID;

/** The body of {@code POST /v1/domains}. */
public record DomainRequest(String name, @JsonProperty("company_id") UUID companyId) {}
