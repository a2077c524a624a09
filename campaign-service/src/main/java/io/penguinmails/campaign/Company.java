package io.penguinmails.campaign;

import java.time.Instant;
import java.util.UUID;

/** A workspace of a tenant: a client or brand its domains, mailboxes and campaigns belong to. */
public record Company(
        UUID id,
        UUID tenantId,
        String name,
        String domain,
        String industry,
        String size,
        Instant created,
        Instant updated) {}
