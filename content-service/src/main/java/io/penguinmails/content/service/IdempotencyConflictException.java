package io.penguinmails.content.service;

/** An idempotency key reused for a different request; the API answers 409. */
public class IdempotencyConflictException extends RuntimeException {

    public IdempotencyConflictException(String message) {
        super(message);
    }
}
