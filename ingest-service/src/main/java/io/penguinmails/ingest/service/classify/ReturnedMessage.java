package io.penguinmails.ingest.service.classify;

import io.penguinmails.ingest.ParsedMessage;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The headers of the message a report returns: from its {@code message/rfc822} or {@code text/rfc822-headers} part,
 * or, for systems that quote the message inline, from the text after the report's own words.
 */
public final class ReturnedMessage {

    private static final Set<String> HEADER_PARTS =
            Set.of("message/rfc822", "text/rfc822-headers", "text/rfc822-header", "message/partial");

    private static final Pattern ANGLE_ID = Pattern.compile("<[^<>\\s]+>");

    private ReturnedMessage() {}

    /** The returned message's header fields, or empty fields when the report returns none. */
    public static HeaderFields headers(MessageTexts texts) {
        return attachedHeaders(texts.message()).orElseGet(() -> HeaderFields.parse(texts.returnedMessage()));
    }

    /** The returned message's Message-ID with its angle brackets, or null. */
    public static String messageId(MessageTexts texts) {
        String value = headers(texts).first("Message-ID");
        if (value == null) {
            return null;
        }
        Matcher m = ANGLE_ID.matcher(value);
        return m.find() ? m.group() : "<" + value.trim() + ">";
    }

    private static Optional<HeaderFields> attachedHeaders(ParsedMessage message) {
        for (ParsedMessage.Part part : message.parts()) {
            if (HEADER_PARTS.contains(ReportText.mimeType(part))) {
                HeaderFields fields = HeaderFields.parse(headerBlock(ReportText.decodeUndeclared(part.content())));
                if (fields.has("message-id") || fields.has("to") || fields.has("from")) {
                    return Optional.of(fields);
                }
            }
        }
        return Optional.empty();
    }

    /** The header block at the start of a message: everything up to the first empty line. */
    private static String headerBlock(String messageText) {
        String text = messageText.replace("\r\n", "\n").stripLeading();
        int end = text.indexOf("\n\n");
        return end < 0 ? text : text.substring(0, end);
    }
}
