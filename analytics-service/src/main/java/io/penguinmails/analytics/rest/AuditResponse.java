package io.penguinmails.analytics.rest;

import java.util.List;

/** The body of {@code GET /v1/audit}: the tenant's administrative actions, newest first. */
public record AuditResponse(List<AuditEntryView> entries) {}
