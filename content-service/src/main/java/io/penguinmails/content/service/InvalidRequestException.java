package io.penguinmails.content.service;

/** A well-formed request whose content cannot be carried out as it is; the API answers 422. */
public class InvalidRequestException extends RuntimeException {

    public InvalidRequestException(String message) {
        super(message);
    }
}
