package io.penguinmails.campaign;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An email template of a tenant, personalised with {@code {{variable}}} and {@code {{variable|fallback}}}.
 *
 * @param variables the variable names its subject, HTML and text use, lower-cased
 */
public record Template(
        UUID id,
        UUID tenantId,
        String name,
        String subject,
        String html,
        String text,
        List<String> variables,
        Instant created,
        Instant updated) {}
