package io.penguinmails.ingest;

import io.penguinmails.contracts.MailEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the MIME parser read from one raw message. Bodies are decoded to Unicode; attachments keep their bytes.
 *
 * @param headers every header field in order, unfolded, with RFC 2047 encoded words decoded
 * @param messageId the Message-ID with its angle brackets
 * @param references the References identifiers in order
 * @param from the first mailbox of the From field
 * @param to every mailbox of the To fields, group members included
 * @param date the Date field as an instant; null when missing or unreadable
 * @param text the plain-text body with {@code \n} line breaks; derived from the HTML when the message has only HTML
 * @param attachments the files and inline resources: every leaf part that is not a chosen body or an unchosen
 *     alternative rendering
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
     * @param parameters the Content-Type parameters (lower-case names, decoded values)
     * @param filename the decoded file name (Content-Disposition, else the Content-Type name), without directories
     * @param disposition lower-case {@code inline} or {@code attachment}; {@code inline} for a multipart/related
     *     resource that states none; null otherwise when none is stated
     * @param contentId the Content-ID as written, angle brackets included
     * @param content the decoded bytes (transfer encoding removed); for message/rfc822, the attached message itself
     * @param messageHeaders for message/rfc822 parts, the attached message's header fields, decoded; else empty
     */
    public record Part(
            String mimeType,
            Map<String, String> parameters,
            String filename,
            String disposition,
            String contentId,
            byte[] content,
            List<MailEvent.Header> messageHeaders) {

        /** A part that is not an attached message. */
        public Part(
                String mimeType,
                Map<String, String> parameters,
                String filename,
                String disposition,
                String contentId,
                byte[] content) {
            this(mimeType, parameters, filename, disposition, contentId, content, List.of());
        }
    }
}
