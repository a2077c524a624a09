package io.penguinmails.campaign.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.penguinmails.campaign.Lead;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A lead as the API shows it. */
public record LeadView(
        UUID id,
        String email,
        @JsonProperty("first_name") String firstName,
        @JsonProperty("last_name") String lastName,
        String company,
        String position,
        String timezone,
        @JsonProperty("custom_fields") Map<String, String> customFields,
        Instant created,
        Instant updated) {

    static LeadView of(Lead lead) {
        return new LeadView(
                lead.id(),
                lead.email(),
                lead.firstName(),
                lead.lastName(),
                lead.company(),
                lead.position(),
                lead.timezone(),
                lead.customFields(),
                lead.created(),
                lead.updated());
    }
}
