package io.penguinmails.ingest.service;

/** The submitted bytes are not an RFC 5322 message; answered with 400 and nothing is stored. */
public class NotAMessageException extends RuntimeException {

    public NotAMessageException(String message) {
        super(message);
    }
}
