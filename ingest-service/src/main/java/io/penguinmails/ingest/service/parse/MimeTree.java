package io.penguinmails.ingest.service.parse;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Arrays;
import java.util.Locale;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.dom.FieldParser;
import org.apache.james.mime4j.dom.field.ParsedField;
import org.apache.james.mime4j.field.LenientFieldParser;
import org.apache.james.mime4j.message.DefaultBodyDescriptorBuilder;
import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.apache.james.mime4j.stream.RecursionMode;

/**
 * Reads the MIME structure of a message with mime4j's token stream into {@link MimeNode}s, decoding every leaf.
 * The message header is the one {@link HeaderBlock} read; mime4j is handed only its Content-Type and
 * Content-Transfer-Encoding fields in front of the body. Attached messages stay whole leaves (their original bytes),
 * except a message that is the entire body of its parent, which is read as that parent's content.
 */
final class MimeTree {

    /** Deeper nesting is not read: real mail stays far below, and each level costs a stream layer. */
    static final int MAX_DEPTH = 30;

    private static final MimeConfig CONFIG = MimeConfig.custom()
            .setMaxLineLen(-1)
            .setMaxHeaderLen(-1)
            .setMaxHeaderCount(-1)
            .setMaxContentLen(-1)
            .setMalformedHeaderStartsBody(true)
            .build();
    private static final byte[] CRLF = {'\r', '\n'};
    /** The lenient field parsers: mime4j's strict Content-Type grammar is slow and gives up on common mistakes. */
    private static final FieldParser<ParsedField> FIELDS = LenientFieldParser.getParser();

    private final Problems problems;
    private final ProblemMonitor monitor;

    private MimeTree(Problems problems) {
        this.problems = problems;
        this.monitor = new ProblemMonitor(problems);
    }

    /** The tree of a message whose header has been read; never fails, what went wrong is recorded. */
    static MimeNode read(HeaderBlock header, Problems problems) {
        return new MimeTree(problems).message(header, "", 0);
    }

    private MimeNode message(HeaderBlock header, String path, int depth) {
        MimeNode root = new MimeNode(null, path, depth);
        root.contentTypeValue = value(header, "Content-Type");
        root.dispositionValue = value(header, "Content-Disposition");
        root.contentId = value(header, "Content-ID");
        try {
            walk(stream(header), root);
        } catch (IOException | MimeException | RuntimeException e) {
            // mime4j gave up on this structure: keep its body readable as text rather than losing the message.
            problems.add(root.where() + ": the MIME structure could not be read (" + e.getMessage()
                    + "), the body is kept as text");
            return fallback(header, path, depth);
        }
        return root;
    }

    private MimeTokenStream stream(HeaderBlock header) {
        MimeTokenStream stream =
                new MimeTokenStream(CONFIG, monitor, new DefaultBodyDescriptorBuilder(null, FIELDS, monitor));
        stream.setRecursionMode(RecursionMode.M_NO_RECURSE);
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        copy(header, "Content-Type", head);
        copy(header, "Content-Transfer-Encoding", head);
        head.writeBytes(CRLF);
        byte[] source = header.source();
        int start = header.bodyStart();
        stream.parse(new SequenceInputStream(
                new ByteArrayInputStream(head.toByteArray()),
                new ByteArrayInputStream(source, start, source.length - start)));
        return stream;
    }

    private void walk(MimeTokenStream stream, MimeNode root) throws IOException, MimeException {
        MimeNode current = root;
        for (EntityState state = stream.getState(); state != EntityState.T_END_OF_STREAM; state = stream.next()) {
            current = switch (state) {
                case T_START_BODYPART -> current.child();
                case T_END_BODYPART -> current.parent;
                default -> {
                    handle(stream, state, current, current == root);
                    yield current;
                }
            };
            monitor.at(current);
        }
    }

    private void handle(MimeTokenStream stream, EntityState state, MimeNode node, boolean root) throws IOException {
        switch (state) {
            case T_FIELD -> field(stream.getField(), node, root);
            case T_END_HEADER -> limitDepth(stream, node);
            case T_START_MULTIPART -> describe(stream, node);
            case T_PREAMBLE -> node.preamble = stream.getInputStream().readAllBytes();
            case T_BODY -> {
                describe(stream, node);
                body(stream, node);
            }
            case T_END_MULTIPART -> preambleOnly(node);
            default -> {}
        }
    }

    /** Keeps the fields of a part that say what it is; the others are not part of the parsed result. */
    private void field(Field field, MimeNode node, boolean root) {
        node.fields++;
        String name = field.getName().toLowerCase(Locale.ROOT);
        boolean wanted = name.equals("content-type") || name.equals("content-disposition") || name.equals("content-id");
        // The message's own fields were read by HeaderBlock; mime4j sees only a copy of two of them.
        if (root || !wanted) {
            return;
        }
        byte[] raw = field.getRaw().toByteArray();
        int colon = indexOfColon(raw);
        String value = HeaderBlock.unfolded(raw, colon + 1, raw.length, problems, field.getName());
        switch (name) {
            case "content-type" -> node.contentTypeValue = first(node.contentTypeValue, value);
            case "content-disposition" -> node.dispositionValue = first(node.dispositionValue, value);
            default -> node.contentId = first(node.contentId, value);
        }
    }

    private void describe(MimeTokenStream stream, MimeNode node) {
        BodyDescriptor descriptor = stream.getBodyDescriptor();
        node.mimeType = descriptor.getMimeType().toLowerCase(Locale.ROOT);
        node.described = true;
        node.transferEncoding = descriptor.getTransferEncoding().toLowerCase(Locale.ROOT);
        node.contentType = MimeParameters.parse(node.contentTypeValue, problems, node.where());
        if (node.contentType.value().startsWith("multipart/") && !node.isMultipart()) {
            problems.add(node.where() + ": " + node.contentType.value() + " without a boundary, read as text");
        }
        MimeParameters disposition = MimeParameters.parse(node.dispositionValue, problems, node.where());
        node.disposition = disposition.value().isEmpty() ? null : disposition.value();
        node.filename = filename(node, disposition);
    }

    /** Past the limit an entity is read flat, as one body that is then dropped, so depth costs nothing more. */
    private void limitDepth(MimeTokenStream stream, MimeNode node) {
        if (node.depth > MAX_DEPTH) {
            problems.add("parts nested deeper than " + MAX_DEPTH + " levels were not read");
            node.truncated = true;
            stream.setRecursionMode(RecursionMode.M_FLAT);
        }
    }

    private String filename(MimeNode node, MimeParameters disposition) {
        String declared = disposition.get("filename");
        String name =
                Filenames.clean(declared != null ? declared : node.contentType.get("name"), problems, node.where());
        boolean tnef = node.mimeType.equals("application/ms-tnef") || node.mimeType.equals("application/vnd.ms-tnef");
        // Outlook's TNEF wrapper is kept as the file its recipients know.
        return name == null && tnef ? "winmail.dat" : name;
    }

    private void body(MimeTokenStream stream, MimeNode node) throws IOException {
        if (node.truncated) {
            return;
        }
        monitor.at(node);
        if (!node.isDecodable()) {
            problems.add(node.where() + ": unknown Content-Transfer-Encoding \"" + node.transferEncoding
                    + "\", content kept as sent");
        }
        try (InputStream in = stream.getDecodedInputStream()) {
            node.content = in.readAllBytes();
        }
        if (node.isMessage()) {
            attachedMessage(node);
        }
    }

    /** An attached message keeps its bytes; its header is read for display, a whole-body one for its content. */
    private void attachedMessage(MimeNode node) {
        Problems ignored = new Problems();
        HeaderBlock header = HeaderBlock.read(node.content, node.parent == null ? problems : ignored);
        if (header.fields().isEmpty()) {
            problems.add(node.where() + ": the attached message has no header");
            return;
        }
        node.messageHeaders = header.decodedFields(ignored);
        if (node.parent == null && node.depth < MAX_DEPTH) {
            node.embedded = message(header, node.path.isEmpty() ? "1" : node.path + ".1", node.depth + 1);
        } else if (node.filename == null) {
            HeaderBlock.Field subject = header.first("Subject");
            node.filename = Filenames.forMessage(subject == null ? null : header.decoded(subject, ignored));
        }
    }

    /** A multipart whose boundary never appears holds only its preamble: that text is its content. */
    private void preambleOnly(MimeNode node) {
        if (node.children.isEmpty()
                && node.preamble != null
                && !Charsets.guess(node.preamble, 0, node.preamble.length).isBlank()) {
            problems.add(node.where() + ": no part follows the boundary, the text is read as text/plain");
            MimeNode text = node.child();
            text.content = node.preamble;
        }
    }

    private MimeNode fallback(HeaderBlock header, String path, int depth) {
        MimeNode root = new MimeNode(null, path, depth);
        byte[] source = header.source();
        root.content = Arrays.copyOfRange(source, header.bodyStart(), source.length);
        return root;
    }

    private void copy(HeaderBlock header, String name, ByteArrayOutputStream out) {
        HeaderBlock.Field field = header.first(name);
        if (field != null) {
            out.write(header.source(), field.start(), field.end() - field.start());
            out.writeBytes(CRLF);
        }
    }

    private String value(HeaderBlock header, String name) {
        HeaderBlock.Field field = header.first(name);
        return field == null ? null : header.unfolded(field, problems);
    }

    private static String first(String existing, String value) {
        return existing != null ? existing : value;
    }

    private static int indexOfColon(byte[] raw) {
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == ':') {
                return i;
            }
        }
        return raw.length - 1;
    }
}
