package io.penguinmails.contracts;

/** A record that breaks its contract: consumers send it to the dead-letter topic with this message as the reason. */
public class InvalidEventException extends RuntimeException {

    public InvalidEventException(String message) {
        super(message);
    }

    public InvalidEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
