package io.penguinmails.campaign.service.lead;

import java.util.Map;

/**
 * One accepted CSV row, ready to store.
 *
 * @param email lower-cased
 * @param customFields lower-case keys to the text of the remaining columns, blank values left out
 */
public record LeadRow(
        String email,
        String firstName,
        String lastName,
        String company,
        String position,
        String timezone,
        Map<String, String> customFields) {}
