package io.penguinmails.ingest.service;

import io.penguinmails.contracts.MailEvent;
import io.penguinmails.ingest.ParsedMessage;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.dom.Body;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.SingleBody;
import org.apache.james.mime4j.dom.address.Address;
import org.apache.james.mime4j.dom.address.AddressList;
import org.apache.james.mime4j.dom.address.Group;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.dom.address.MailboxList;
import org.apache.james.mime4j.dom.field.ContentTypeField;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.message.DefaultMessageWriter;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.util.CharsetUtil;
import org.apache.james.mime4j.util.MimeUtil;
import org.jsoup.Jsoup;

/**
 * Reads raw RFC 5322 messages with Apache James mime4j, leniently: malformed mail is read as far as it goes and what
 * was wrong is listed in {@link ParsedMessage#problems()}.
 */
@ApplicationScoped
public class MessageParser {

    /** Header names whose presence makes a byte sequence recognisably a message. */
    private static final Set<String> MESSAGE_HEADERS =
            Set.of("from", "sender", "to", "subject", "date", "message-id", "received", "return-path");

    private static final int MAX_DEPTH = 50;

    /**
     * Parses a raw message.
     *
     * @throws NotAMessageException when the bytes carry no recognisable message header
     */
    public ParsedMessage parse(byte[] raw) {
        Message message = build(raw);
        List<MailEvent.Header> headers = headers(message);
        if (headers.stream().noneMatch(h -> MESSAGE_HEADERS.contains(h.name().toLowerCase(Locale.ROOT)))) {
            throw new NotAMessageException("no RFC 5322 header (From, To, Subject, Date, Message-ID) was found");
        }
        List<String> problems = new ArrayList<>();
        BodyCollector bodies = new BodyCollector(problems);
        bodies.walk(message, 0);
        return new ParsedMessage(
                headers,
                message.getMessageId(),
                header(headers, "In-Reply-To"),
                references(header(headers, "References")),
                first(mailboxes(message.getFrom())),
                addresses(message.getTo()),
                addresses(message.getCc()),
                message.getSubject(),
                date(message, problems),
                bodies.text(),
                bodies.html,
                bodies.attachments,
                bodies.parts,
                problems);
    }

    private static Message build(byte[] raw) {
        DefaultMessageBuilder builder = new DefaultMessageBuilder();
        builder.setMimeEntityConfig(MimeConfig.PERMISSIVE);
        builder.setDecodeMonitor(DecodeMonitor.SILENT);
        try {
            return builder.parseMessage(new ByteArrayInputStream(raw));
        } catch (IOException e) {
            throw new NotAMessageException("unreadable message: " + e.getMessage());
        }
    }

    private static List<MailEvent.Header> headers(Message message) {
        List<MailEvent.Header> headers = new ArrayList<>();
        for (Field field : message.getHeader().getFields()) {
            String value = MimeUtil.unfold(field.getBody() == null ? "" : field.getBody())
                    .trim();
            headers.add(
                    new MailEvent.Header(field.getName(), DecoderUtil.decodeEncodedWords(value, DecodeMonitor.SILENT)));
        }
        return headers;
    }

    private static String header(List<MailEvent.Header> headers, String name) {
        return headers.stream()
                .filter(h -> h.name().equalsIgnoreCase(name))
                .map(MailEvent.Header::value)
                .findFirst()
                .orElse(null);
    }

    private static List<String> references(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split("[\\s,]+")).filter(s -> !s.isBlank()).toList();
    }

    private static Instant date(Message message, List<String> problems) {
        try {
            return message.getDate() == null ? null : message.getDate().toInstant();
        } catch (RuntimeException e) {
            problems.add("unreadable Date header");
            return null;
        }
    }

    private static List<MailEvent.Address> addresses(AddressList list) {
        List<MailEvent.Address> result = new ArrayList<>();
        if (list == null) {
            return result;
        }
        for (Address address : list) {
            if (address instanceof Mailbox mailbox) {
                result.add(toAddress(mailbox));
            } else if (address instanceof Group group) {
                group.getMailboxes().forEach(m -> result.add(toAddress(m)));
            }
        }
        return result;
    }

    private static List<MailEvent.Address> mailboxes(MailboxList list) {
        List<MailEvent.Address> result = new ArrayList<>();
        if (list != null) {
            list.forEach(m -> result.add(toAddress(m)));
        }
        return result;
    }

    private static MailEvent.Address toAddress(Mailbox mailbox) {
        return new MailEvent.Address(mailbox.getAddress(), mailbox.getName());
    }

    private static MailEvent.Address first(List<MailEvent.Address> addresses) {
        return addresses.isEmpty() ? null : addresses.get(0);
    }

    /** Walks the entity tree once, choosing the text bodies and collecting attachments and leaf parts. */
    private static final class BodyCollector {
        private final List<String> problems;
        private final List<ParsedMessage.Part> attachments = new ArrayList<>();
        private final List<ParsedMessage.Part> parts = new ArrayList<>();
        private String plain;
        private String html;

        BodyCollector(List<String> problems) {
            this.problems = problems;
        }

        void walk(Entity entity, int depth) {
            if (depth > MAX_DEPTH) {
                problems.add("nesting deeper than " + MAX_DEPTH + " levels was not read");
                return;
            }
            Body body = entity.getBody();
            if (body instanceof Multipart multipart) {
                multipart.getBodyParts().forEach(part -> walk(part, depth + 1));
            } else if (body instanceof Message nested && depth > 0) {
                keepNestedMessage(entity, nested);
            } else if (body instanceof Message nested) {
                walk(nested, depth + 1);
            } else if (body instanceof SingleBody single) {
                leaf(entity, single);
            }
        }

        String text() {
            if (plain == null && html != null) {
                // Only an HTML body exists: readers and search still need its text.
                return Jsoup.parse(html).wholeText().strip();
            }
            return plain;
        }

        private void keepNestedMessage(Entity entity, Message nested) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                new DefaultMessageWriter().writeMessage(nested, out);
            } catch (IOException e) {
                problems.add("embedded message could not be written back: " + e.getMessage());
            }
            ParsedMessage.Part part = new ParsedMessage.Part(
                    "message/rfc822",
                    Map.of(),
                    filenameOrSubject(entity, nested),
                    entity.getDispositionType(),
                    contentId(entity),
                    out.toByteArray());
            attachments.add(part);
            parts.add(part);
        }

        private void leaf(Entity entity, SingleBody body) {
            byte[] bytes = bytes(body);
            String mimeType = entity.getMimeType().toLowerCase(Locale.ROOT);
            ParsedMessage.Part part = new ParsedMessage.Part(
                    mimeType,
                    parameters(entity),
                    filename(entity),
                    entity.getDispositionType(),
                    contentId(entity),
                    bytes);
            parts.add(part);
            if (isBodyText(entity, mimeType, "text/plain") && plain == null) {
                plain = decode(bytes, entity.getCharset());
            } else if (isBodyText(entity, mimeType, "text/html") && html == null) {
                html = decode(bytes, entity.getCharset());
            } else if (!mimeType.startsWith("multipart/")) {
                attachments.add(part);
            }
        }

        private static boolean isBodyText(Entity entity, String mimeType, String wanted) {
            return mimeType.equals(wanted)
                    && !"attachment".equalsIgnoreCase(entity.getDispositionType())
                    && entity.getFilename() == null;
        }

        private byte[] bytes(SingleBody body) {
            try (InputStream in = body.getInputStream()) {
                return in.readAllBytes();
            } catch (IOException | RuntimeException e) {
                problems.add("undecodable part content: " + e.getMessage());
                return new byte[0];
            }
        }

        private String decode(byte[] bytes, String charsetName) {
            // Undeclared charsets are read as UTF-8, a superset of the US-ASCII that RFC 2045 assumes.
            Charset charset = charsetName == null ? StandardCharsets.UTF_8 : CharsetUtil.lookup(charsetName);
            if (charset == null) {
                problems.add("unknown charset " + charsetName + ", read as windows-1252");
                charset = Charset.forName("windows-1252");
            }
            return new String(bytes, charset);
        }

        private static Map<String, String> parameters(Entity entity) {
            Field field = entity.getHeader().getField("Content-Type");
            return field instanceof ContentTypeField type ? type.getParameters() : Map.of();
        }

        private static String filename(Entity entity) {
            String name = entity.getFilename();
            return name == null ? null : DecoderUtil.decodeEncodedWords(name, DecodeMonitor.SILENT);
        }

        private static String filenameOrSubject(Entity entity, Message nested) {
            String name = filename(entity);
            return name != null ? name : (nested.getSubject() == null ? "message" : nested.getSubject()) + ".eml";
        }

        private static String contentId(Entity entity) {
            Field field = entity.getHeader().getField("Content-ID");
            return field == null ? null : field.getBody().trim();
        }
    }
}
