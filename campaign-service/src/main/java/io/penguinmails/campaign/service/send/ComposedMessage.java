package io.penguinmails.campaign.service.send;

/**
 * A campaign email ready for SMTP.
 *
 * @param messageId the Message-ID with angle brackets
 * @param inReplyTo the first message of the lead's thread for a follow-up, else null
 * @param unsubscribeUrl the List-Unsubscribe target
 */
public record ComposedMessage(
        String fromAddress,
        String fromName,
        String toAddress,
        String toName,
        String subject,
        String html,
        String text,
        String messageId,
        String inReplyTo,
        String unsubscribeUrl) {}
