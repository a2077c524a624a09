package io.penguinmails.analytics.rest;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** A tenant's analytics settings: {@code time_zone} is an IANA zone id such as {@code Europe/Berlin}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SettingsView(String timeZone) {}
