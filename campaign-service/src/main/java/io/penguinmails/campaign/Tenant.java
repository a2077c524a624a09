package io.penguinmails.campaign;

import java.time.Instant;
import java.util.UUID;

/** A customer organisation; every other row of this service belongs to one. */
public record Tenant(UUID id, String name, Instant created) {}
