package io.penguinmails.ingest.service;

import io.penguinmails.contracts.MailEvent;
import io.penguinmails.ingest.ParsedMessage;
import io.penguinmails.ingest.service.parse.AddressParser;
import io.penguinmails.ingest.service.parse.Bodies;
import io.penguinmails.ingest.service.parse.HeaderBlock;
import io.penguinmails.ingest.service.parse.LenientDate;
import io.penguinmails.ingest.service.parse.MessageIds;
import io.penguinmails.ingest.service.parse.Problems;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads raw RFC 5322 messages, leniently: malformed mail is read as far as it goes and what was wrong is listed in
 * {@link ParsedMessage#problems()}. The header is read by {@link HeaderBlock}, the MIME structure by Apache James
 * mime4j; the rules for choosing bodies and attachments are in {@link Bodies}.
 */
@ApplicationScoped
public class MessageParser {

    /** Header names whose presence makes a byte sequence recognisably a message or a MIME entity. */
    private static final Set<String> MESSAGE_HEADERS = Set.of(
            "from",
            "sender",
            "to",
            "cc",
            "subject",
            "date",
            "message-id",
            "received",
            "return-path",
            "mime-version",
            "content-type",
            "content-transfer-encoding",
            "content-disposition");

    /**
     * Parses a raw message.
     *
     * @throws NotAMessageException when the bytes carry no recognisable message header
     */
    public ParsedMessage parse(byte[] raw) {
        Problems problems = new Problems();
        HeaderBlock header = HeaderBlock.read(raw, problems);
        if (!header.hasAny(MESSAGE_HEADERS)) {
            throw new NotAMessageException(
                    "no RFC 5322 or MIME header (From, To, Subject, Date, Content-Type) was found");
        }
        List<MailEvent.Header> headers = header.decodedFields(problems);
        Bodies bodies = Bodies.read(header, problems);
        return new ParsedMessage(
                headers,
                MessageIds.first(value(headers, "Message-ID")),
                MessageIds.first(value(headers, "In-Reply-To")),
                MessageIds.all(value(headers, "References")),
                addresses(header, "From", problems).stream().findFirst().orElse(null),
                addresses(header, "To", problems),
                addresses(header, "Cc", problems),
                value(headers, "Subject"),
                date(value(headers, "Date"), problems),
                bodies.text(),
                bodies.html(),
                bodies.attachments(),
                bodies.parts(),
                problems.list());
    }

    private static String value(List<MailEvent.Header> headers, String name) {
        for (MailEvent.Header header : headers) {
            if (header.name().equalsIgnoreCase(name)) {
                return header.value();
            }
        }
        return null;
    }

    /** The mailboxes of every field of that name: some mailers write To or Cc more than once. */
    private static List<MailEvent.Address> addresses(HeaderBlock header, String name, Problems problems) {
        List<MailEvent.Address> addresses = new ArrayList<>();
        for (HeaderBlock.Field field : header.fields()) {
            if (field.name().equalsIgnoreCase(name)) {
                addresses.addAll(AddressParser.parse(header.unfolded(field, problems), problems, "header " + name));
            }
        }
        return addresses;
    }

    private static Instant date(String value, Problems problems) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Optional<LenientDate.Result> date = LenientDate.parse(value);
        if (date.isEmpty()) {
            problems.add("unreadable Date header \"" + value + "\"");
            return null;
        }
        if (!date.get().standard()) {
            problems.add("Date header \"" + value + "\" is not RFC 5322, read as "
                    + date.get().instant());
        }
        return date.get().instant();
    }
}
