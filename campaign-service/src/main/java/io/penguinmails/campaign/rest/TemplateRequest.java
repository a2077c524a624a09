package io.penguinmails.campaign.rest;

/** The body of {@code POST} and {@code PUT /v1/templates}: subject and at least one of html and text. */
public record TemplateRequest(String name, String subject, String html, String text) {}
