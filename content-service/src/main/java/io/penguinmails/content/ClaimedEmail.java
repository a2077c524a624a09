package io.penguinmails.content;

import java.util.List;
import java.util.UUID;

/**
 * A transactional email the sender has claimed ({@code sending}), with what it needs to hand it to SMTP.
 *
 * @param attempts the attempt this send is, counting from 1 (the claim counted it)
 */
public record ClaimedEmail(
        UUID id,
        List<String> to,
        List<String> cc,
        String subject,
        String text,
        String html,
        String replyTo,
        String messageId,
        int attempts,
        int maxAttempts) {}
