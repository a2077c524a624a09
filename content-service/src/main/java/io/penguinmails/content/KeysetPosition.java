package io.penguinmails.content;

import java.time.Instant;
import java.util.UUID;

/** Where a newest-first listing ordered by (a time, a UUID id) continues: after this row. */
public record KeysetPosition(Instant at, UUID id) {}
