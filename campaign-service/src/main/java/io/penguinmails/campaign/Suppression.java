package io.penguinmails.campaign;

import java.time.Instant;

/**
 * An address the tenant's campaigns must not mail.
 *
 * @param email the address, lower-cased
 * @param reason unsubscribed, hard_bounce, complaint or manual
 * @param source where the suppression came from, may be null
 */
public record Suppression(String email, String reason, String source, Instant created) {}
