package io.penguinmails.ingest.service.classify;

/**
 * What a bounce states about one recipient, before the reason is decided: the facts read from a delivery-status
 * group, from the free text of a non-standard bounce, or from a provider's notification.
 *
 * @param recipient the failed address, lower-case, or null when the report names none
 * @param action the RFC 3464 action ({@code failed}, {@code delayed}, {@code delivered}, ...), lower-case
 * @param status the enhanced status code ({@code 5.1.1}) the report states, or null
 * @param replyCode the SMTP reply code ({@code 550}) the report states, or null
 * @param diagnostic the remote server's or the reporting system's explanation, whitespace collapsed
 * @param command the SMTP stage the failure happened at, or null when the report does not say
 * @param knownReason a reason the report's structure already fixes (a mailing-list refusal, a pipe failure), or null
 */
public record DeliveryFailure(
        String recipient,
        String action,
        String status,
        String replyCode,
        String diagnostic,
        SmtpCommand command,
        String knownReason) {

    /** A failure with only a recipient and the text explaining it; the codes are read from the text. */
    public static DeliveryFailure fromText(String recipient, String text) {
        String diagnostic = SmtpText.collapse(text);
        return new DeliveryFailure(
                recipient,
                "failed",
                SmtpText.status(diagnostic),
                SmtpText.replyCode(diagnostic),
                diagnostic,
                SmtpCommand.find(diagnostic),
                null);
    }

    /** This failure with a reason its report's structure fixes. */
    public DeliveryFailure withKnownReason(String reason) {
        return new DeliveryFailure(recipient, action, status, replyCode, diagnostic, command, reason);
    }

    /** This failure for another recipient address. */
    public DeliveryFailure withRecipient(String address) {
        return new DeliveryFailure(address, action, status, replyCode, diagnostic, command, knownReason);
    }

    /** Whether the report says the message reached this recipient or went on elsewhere (not a failure). */
    public boolean isSuccess() {
        return "delivered".equals(action) || "relayed".equals(action) || "expanded".equals(action);
    }
}
