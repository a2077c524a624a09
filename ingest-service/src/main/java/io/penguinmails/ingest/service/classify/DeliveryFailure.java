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
 * @param context what else the report's text says about this recipient (a transcript, a notice), or null
 * @param knownReason a reason the report's form already fixes (a mailing-list refusal), or null
 */
public record DeliveryFailure(
        String recipient,
        String action,
        String status,
        String replyCode,
        String diagnostic,
        SmtpCommand command,
        String context,
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
                null,
                null);
    }

    /**
     * This failure completed from the report's text about its recipient: codes the delivery-status group lacks or
     * states only generically ({@code 5.0.0}), the SMTP stage, and the text itself as context for the reason.
     */
    public DeliveryFailure explainedBy(String text) {
        String explanation = SmtpText.collapse(text);
        if (explanation == null) {
            return this;
        }
        boolean generic = status == null || (status.endsWith(".0.0") && SmtpText.status(diagnostic) == null);
        return new DeliveryFailure(
                recipient,
                action,
                generic ? SmtpText.preferredStatus(status, SmtpText.status(explanation)) : status,
                replyCode != null ? replyCode : SmtpText.replyCode(explanation),
                diagnostic != null ? diagnostic : explanation,
                command != null ? command : SmtpCommand.find(explanation),
                diagnostic != null ? explanation : null,
                knownReason);
    }

    /** This failure with a reason its report's form fixes. */
    public DeliveryFailure withKnownReason(String reason) {
        return new DeliveryFailure(recipient, action, status, replyCode, diagnostic, command, context, reason);
    }

    /** This failure with another action, such as {@code delayed} for a warning that delivery is still tried. */
    public DeliveryFailure withAction(String newAction) {
        return new DeliveryFailure(recipient, newAction, status, replyCode, diagnostic, command, context, knownReason);
    }
}
