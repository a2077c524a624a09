package io.penguinmails.analytics.service;

/**
 * What counting a batch did.
 *
 * @param counted events processed now (a repeated open or click of a message is processed but adds nothing)
 * @param duplicates events whose {@code ce_id} had been processed before, or appeared twice in the batch
 */
public record BatchOutcome(int counted, int duplicates) {}
