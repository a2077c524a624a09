package io.penguinmails.ingest;

import io.penguinmails.contracts.MailEvent;
import java.time.Instant;
import java.util.List;

/**
 * What the MIME parser read from one raw message. Bodies are decoded to Unicode; attachments keep their bytes.
 *
 * @param parts every leaf part in document order, including the text bodies, for the classifier
 * @param problems what was wrong with the message and had to be worked around
 */
public record ParsedMessage(
        List<MailEvent.Header> headers,
        String messageId,
        String inReplyTo,
        List<String> references,
        MailEvent.Address from,
        List<MailEvent.Address> to,
        List<MailEvent.Address> cc,
        String subject,
        Instant date,
        String text,
        String html,
        List<Part> attachments,
        List<Part> parts,
        List<String> problems) {

    /** The first value of a header, case-insensitively, or null. */
    public String header(String name) {
        return headers.stream()
                .filter(h -> h.name().equalsIgnoreCase(name))
                .map(MailEvent.Header::value)
                .findFirst()
                .orElse(null);
    }

    /**
     * One leaf part of the message.
     *
     * @param mimeType lower-case MIME type
     * @param parameters the Content-Type parameters (lower-case names)
     * @param content the decoded bytes (transfer encoding removed)
     */
    public record Part(
            String mimeType,
            java.util.Map<String, String> parameters,
            String filename,
            String disposition,
            String contentId,
            byte[] content) {}
}
