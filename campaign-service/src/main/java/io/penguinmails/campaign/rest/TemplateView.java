package io.penguinmails.campaign.rest;

import io.penguinmails.campaign.Template;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A template as the API shows it, with the variables it uses. */
public record TemplateView(
        UUID id,
        String name,
        String subject,
        String html,
        String text,
        List<String> variables,
        Instant created,
        Instant updated) {

    static TemplateView of(Template template) {
        return new TemplateView(
                template.id(),
                template.name(),
                template.subject(),
                template.html(),
                template.text(),
                template.variables(),
                template.created(),
                template.updated());
    }
}
