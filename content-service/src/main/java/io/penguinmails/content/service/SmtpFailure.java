package io.penguinmails.content.service;

import io.vertx.ext.mail.SMTPException;

/**
 * Why a send failed, and whether trying again can help. A 5xx reply is permanent (the server refused this mail and
 * will again); a 4xx reply, a refused connection or a timeout is transient.
 */
record SmtpFailure(boolean permanent, String description) {

    /** Longest description kept in {@code last_error}. */
    static final int MAX_DESCRIPTION = 1000;

    /** Classifies what the mailer threw; the SMTP reply is found anywhere in the cause chain. */
    static SmtpFailure of(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof SMTPException smtp) {
                return new SmtpFailure(smtp.isPermanent(), cut("SMTP " + reply(smtp)));
            }
        }
        Throwable root = thrown;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return new SmtpFailure(false, cut(root.getClass().getSimpleName() + ": " + root.getMessage()));
    }

    /** The server's reply, which usually starts with its code already. */
    private static String reply(SMTPException smtp) {
        String code = String.valueOf(smtp.getReplyCode());
        String message = smtp.getReplyMessage() == null ? "" : smtp.getReplyMessage();
        return message.startsWith(code) ? message : code + " " + message;
    }

    private static String cut(String text) {
        return text.length() <= MAX_DESCRIPTION ? text : text.substring(0, MAX_DESCRIPTION);
    }
}
