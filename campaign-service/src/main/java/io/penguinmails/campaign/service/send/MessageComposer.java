package io.penguinmails.campaign.service.send;

import io.penguinmails.campaign.TemplateContent;
import io.penguinmails.campaign.service.template.TemplateRenderer;
import io.penguinmails.campaign.service.tracking.SentMessageRef;
import io.penguinmails.campaign.service.tracking.TrackingLinks;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Builds one campaign email for one lead: the subject (a follow-up answers the thread with "Re: " unless its step
 * overrides the subject), the HTML rendered with escaped values plus an unsubscribe footer and, when the campaign
 * tracks, signed tracking links; a text part (the template's, or derived from the HTML) and the headers.
 */
@ApplicationScoped
public class MessageComposer {

    private static final Pattern BLOCK_END = Pattern.compile("(?i)<\\s*(br\\s*/?|/p|/div|/h[1-6]|/li|/tr)\\s*>");
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern STYLE_OR_SCRIPT = Pattern.compile("(?is)<(style|script)[^>]*>.*?</\\1\\s*>");
    private static final Pattern BLANK_LINES = Pattern.compile("\\n\\s*\\n(\\s*\\n)+");
    private static final Pattern SPACES = Pattern.compile("[ \\t\\x0B\\f\\r]+");
    private static final Pattern REPLY_PREFIX = Pattern.compile("(?i)^re:\\s*");

    private final TrackingLinks links;

    MessageComposer(TrackingLinks links) {
        this.links = links;
    }

    /**
     * Composes the email.
     *
     * @param threadSubject the subject of the lead's first email when this one is a follow-up, else null
     * @throws TemplateRenderer.MissingVariableException when the lead lacks a value the template requires
     */
    public ComposedMessage compose(Draft draft) {
        Map<String, String> values = draft.values();
        String subject = subject(draft, values);
        String unsubscribe = links.unsubscribeUrl(draft.ref());
        String html = renderHtml(draft, values, unsubscribe);
        String text = renderText(draft.template().text(), values, html, unsubscribe);
        return new ComposedMessage(
                draft.fromAddress(),
                draft.fromName(),
                draft.toAddress(),
                draft.toName(),
                subject,
                html,
                text,
                draft.ref().messageId(),
                draft.threadMessageId(),
                unsubscribe);
    }

    private static String subject(Draft draft, Map<String, String> values) {
        if (draft.subjectOverride() != null) {
            return TemplateRenderer.render(draft.subjectOverride(), values).strip();
        }
        if (draft.threadMessageId() == null) {
            return TemplateRenderer.render(draft.template().subject(), values).strip();
        }
        String thread = draft.threadSubject() != null
                ? draft.threadSubject()
                : TemplateRenderer.render(draft.template().subject(), values);
        return "Re: " + REPLY_PREFIX.matcher(thread.strip()).replaceFirst("");
    }

    private String renderHtml(Draft draft, Map<String, String> values, String unsubscribe) {
        String html = TemplateRenderer.render(draft.template().html(), values, MessageComposer::escapeHtml);
        if (html == null) {
            return null;
        }
        String footer = "<p style=\"font-size:12px;color:#888888\"><a href=\"" + escapeHtml(unsubscribe)
                + "\">Unsubscribe</a></p>";
        int bodyEnd = html.toLowerCase(Locale.ROOT).lastIndexOf("</body>");
        String withFooter = bodyEnd < 0 ? html + footer : html.substring(0, bodyEnd) + footer + html.substring(bodyEnd);
        return links.instrument(withFooter, draft.ref(), draft.trackOpens(), draft.trackClicks());
    }

    private static String renderText(String template, Map<String, String> values, String html, String unsubscribe) {
        String text = template != null ? TemplateRenderer.render(template, values) : textOf(html);
        return (text == null ? "" : text.strip()) + "\n\n--\nUnsubscribe: " + unsubscribe + "\n";
    }

    /** A readable text version of an HTML body: block ends become line breaks, tags go, entities are decoded. */
    static String textOf(String html) {
        if (html == null) {
            return "";
        }
        String text = STYLE_OR_SCRIPT.matcher(html).replaceAll("");
        text = BLOCK_END.matcher(text).replaceAll("\n");
        text = TAG.matcher(text).replaceAll("");
        text = text.replace("&nbsp;", " ")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&amp;", "&");
        text = SPACES.matcher(text).replaceAll(" ");
        return BLANK_LINES.matcher(text).replaceAll("\n\n").strip();
    }

    /** Escapes a value for HTML text and attribute context. */
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

    /**
     * What an email is made from.
     *
     * @param values the lead's template variables
     * @param threadMessageId the Message-ID of the lead's first email for a follow-up, else null
     * @param threadSubject that email's subject, when known
     */
    public record Draft(
            SentMessageRef ref,
            TemplateContent template,
            Map<String, String> values,
            String subjectOverride,
            String fromAddress,
            String fromName,
            String toAddress,
            String toName,
            String threadMessageId,
            String threadSubject,
            boolean trackOpens,
            boolean trackClicks) {}
}
