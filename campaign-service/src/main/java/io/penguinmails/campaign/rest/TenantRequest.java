package io.penguinmails.campaign.rest;

/** The body of {@code POST /v1/tenants}. */
public record TenantRequest(String name) {}
