package io.penguinmails.campaign.rest;

/** The body of {@code POST} and {@code PUT /v1/companies}. */
public record CompanyRequest(String name, String domain, String industry, String size) {}
