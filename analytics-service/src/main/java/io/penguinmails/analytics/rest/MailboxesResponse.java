package io.penguinmails.analytics.rest;

import java.util.List;

/** The body of {@code GET /v1/analytics/mailboxes}: the tenant's mailboxes ordered by id. */
public record MailboxesResponse(List<MailboxView> mailboxes) {}
