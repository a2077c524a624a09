package io.penguinmails.campaign.rest;

/** The body of {@code POST /v1/suppressions}; reason defaults to manual. */
public record SuppressionRequest(String email, String reason) {}
