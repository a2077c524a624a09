package io.penguinmails.campaign.service.send;

/**
 * What happened to one SMTP submission.
 *
 * @param reply the server's reply or the error, null when sent
 */
public record SendResult(Outcome outcome, String reply) {

    /** Accepted, worth retrying (4xx, connection trouble), or refused for good (5xx). */
    public enum Outcome {
        SENT,
        TRANSIENT,
        PERMANENT
    }

    static SendResult sent() {
        return new SendResult(Outcome.SENT, null);
    }
}
