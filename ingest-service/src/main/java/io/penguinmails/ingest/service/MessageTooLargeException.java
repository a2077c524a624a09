package io.penguinmails.ingest.service;

/** A message over the configured maximum size; answered with 413 and nothing is stored. */
public class MessageTooLargeException extends RuntimeException {

    public MessageTooLargeException(long size, long max) {
        super("the message has " + size + " bytes; the maximum is " + max);
    }
}
