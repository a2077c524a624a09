package io.penguinmails.ingest.service.classify;

import java.util.List;

/**
 * A feedback report: a recipient told their mailbox provider that a message was unwanted.
 *
 * @param feedbackType the RFC 5965 feedback type ({@code abuse}, {@code opt-out}, {@code auth-failure}, ...)
 * @param recipients the complaining recipients' addresses; one null entry when the report does not name them
 */
public record Complaint(String feedbackType, List<String> recipients) {}
