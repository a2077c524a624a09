package io.penguinmails.ingest.service.importer;

/** The bytes given as an mbox are not one; answered with 400 and nothing is stored. */
public class NotAnMboxException extends RuntimeException {

    public NotAnMboxException(String message) {
        super(message);
    }
}
