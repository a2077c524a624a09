package io.penguinmails.campaign.service.send;

/**
 * What happened to one SMTP submission.
 *
 * @param reply the server's reply or the error, null when sent
 */
public record SendResult(Outcome outcome, String reply) {

    /**
     * Accepted, worth retrying (4xx, connection trouble), refused for good (5xx), or refused because of the mailbox
     * itself (its credentials), which no retry from it fixes but another mailbox may.
     */
    public enum Outcome {
        SENT,
        TRANSIENT,
        PERMANENT,
        MAILBOX_UNUSABLE
    }

    static SendResult sent() {
        return new SendResult(Outcome.SENT, null);
    }
}
