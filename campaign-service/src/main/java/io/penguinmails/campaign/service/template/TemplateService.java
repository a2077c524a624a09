package io.penguinmails.campaign.service.template;

import io.penguinmails.campaign.CampaignStep;
import io.penguinmails.campaign.Lead;
import io.penguinmails.campaign.Template;
import io.penguinmails.campaign.repository.LeadRepository;
import io.penguinmails.campaign.repository.TemplateRepository;
import io.penguinmails.campaign.service.template.TemplateRenderer.Placeholder;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Saves templates after checking their variables and renders previews. A placeholder without fallback must name a
 * known lead field or a custom field key some lead of the tenant has; otherwise no lead could be sure to fill it, and
 * the save is refused naming the variables. Campaign steps' subject overrides are checked by the same rule.
 */
@ApplicationScoped
public class TemplateService {

    private final TemplateRepository templates;
    private final LeadRepository leads;

    TemplateService(TemplateRepository templates, LeadRepository leads) {
        this.templates = templates;
        this.leads = leads;
    }

    /**
     * Creates a template.
     *
     * @throws UnknownVariablesException when a placeholder without fallback cannot be filled
     */
    public Template create(UUID tenantId, String name, String subject, String html, String text) {
        return templates.insert(tenantId, checked(tenantId, name, subject, html, text));
    }

    /**
     * Replaces a template's content; empty when the tenant has no such template.
     *
     * @throws UnknownVariablesException when a placeholder without fallback cannot be filled
     */
    public Optional<Template> update(UUID tenantId, UUID id, String name, String subject, String html, String text) {
        return templates.update(tenantId, id, checked(tenantId, name, subject, html, text));
    }

    /**
     * The template rendered for one lead; values inserted into the HTML part are HTML-escaped.
     *
     * @throws TemplateRenderer.MissingVariableException when the lead has no value for a placeholder without fallback
     */
    public Rendered preview(Template template, Lead lead) {
        Map<String, String> values = LeadVariables.of(lead);
        return new Rendered(
                TemplateRenderer.render(template.subject(), values),
                TemplateRenderer.render(template.html(), values, TemplateService::escapeHtml),
                TemplateRenderer.render(template.text(), values));
    }

    /**
     * The names a piece of template text (a template part, a step's subject override) uses without fallback that no
     * lead could fill: not a known lead field and no custom field key of any of the tenant's leads.
     */
    public List<String> unknownVariables(UUID tenantId, String... texts) {
        Set<String> required = new LinkedHashSet<>();
        for (String text : texts) {
            required.addAll(TemplateRenderer.required(text));
        }
        return required.stream().filter(name -> !fillable(tenantId, name)).toList();
    }

    /**
     * The names every lead enrolled in a campaign with these steps needs a value for: those its email steps' templates
     * and subject overrides use without fallback. A template that is gone adds nothing (the step cannot send anyway).
     */
    public Set<String> requiredVariables(UUID tenantId, List<CampaignStep> steps) {
        Set<String> required = new LinkedHashSet<>();
        for (CampaignStep step : steps) {
            if (step.templateId() != null) {
                templates.find(tenantId, step.templateId()).ifPresent(template -> required.addAll(required(template)));
            }
            required.addAll(TemplateRenderer.required(step.subjectOverride()));
        }
        return required;
    }

    private static Set<String> required(Template template) {
        Set<String> required = new LinkedHashSet<>(TemplateRenderer.required(template.subject()));
        required.addAll(TemplateRenderer.required(template.html()));
        required.addAll(TemplateRenderer.required(template.text()));
        return required;
    }

    private Template checked(UUID tenantId, String name, String subject, String html, String text) {
        List<String> unknown = unknownVariables(tenantId, subject, html, text);
        if (!unknown.isEmpty()) {
            throw new UnknownVariablesException(unknown);
        }
        List<String> names = Stream.of(subject, html, text)
                .flatMap(part -> TemplateRenderer.placeholders(part).stream())
                .map(Placeholder::name)
                .distinct()
                .toList();
        return new Template(null, tenantId, name, subject, html, text, names, null, null);
    }

    private boolean fillable(UUID tenantId, String variable) {
        return LeadVariables.KNOWN_FIELDS.contains(variable) || leads.hasCustomField(tenantId, variable);
    }

    static String escapeHtml(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (char c : value.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A template rendered for one lead; html or text is null when the template has no such part. */
    public record Rendered(String subject, String html, String text) {}

    /** Placeholders without fallback that neither a known field nor any lead's custom field can fill. */
    public static final class UnknownVariablesException extends RuntimeException {

        private final List<String> variables;

        UnknownVariablesException(List<String> variables) {
            super("unknown variables without fallback: " + String.join(", ", variables)
                    + " (use a lead field, a custom field your leads have, or add a fallback like {{name|there}})");
            this.variables = variables;
        }

        /** The variables' names. */
        public List<String> variables() {
            return variables;
        }
    }
}
