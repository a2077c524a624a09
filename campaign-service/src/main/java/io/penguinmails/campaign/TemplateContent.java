package io.penguinmails.campaign;

import java.util.UUID;

/** The parts of a template an email step renders; {@code html} or {@code text} may be null. */
public record TemplateContent(UUID id, String subject, String html, String text) {}
