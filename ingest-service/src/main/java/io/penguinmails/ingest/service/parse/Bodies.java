package io.penguinmails.ingest.service.parse;

import io.penguinmails.ingest.ParsedMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Chooses the text bodies of a MIME tree the way RFC 2046 asks a reader to: in multipart/alternative the last
 * alternative that offers each kind (text/plain, text/html), in multipart/related its root part, in multipart/mixed
 * and every other multipart the first part that offers a body. Every other leaf is an attachment, except alternative
 * renderings that were not chosen and blank unnamed parts.
 *
 * @param text the plain text with {@code \n} line breaks; derived from the HTML when there is only HTML
 * @param parts every leaf in document order, the bodies included
 */
public record Bodies(String text, String html, List<ParsedMessage.Part> attachments, List<ParsedMessage.Part> parts) {

    private static final Pattern META_CHARSET =
            Pattern.compile("<meta[^>]*charset\\s*=\\s*[\"']?([\\w.:-]+)", Pattern.CASE_INSENSITIVE);
    private static final int META_WINDOW = 4096;

    /** Reads the MIME content of a message whose header has been read; what was wrong is recorded. */
    public static Bodies read(HeaderBlock header, Problems problems) {
        return of(MimeTree.read(header, problems), problems);
    }

    static Bodies of(MimeNode root, Problems problems) {
        Choice choice = Choice.of(root);
        List<ParsedMessage.Part> parts = new ArrayList<>();
        List<ParsedMessage.Part> attachments = new ArrayList<>();
        for (MimeNode leaf : leaves(root, new ArrayList<>())) {
            ParsedMessage.Part part = part(leaf);
            parts.add(part);
            if (isAttachment(leaf, choice)) {
                attachments.add(part);
            }
        }
        String html = choice.html() == null ? null : html(choice.html(), problems);
        String text = choice.plain() == null ? null : plain(choice.plain(), problems);
        if (text == null && html != null) {
            text = HtmlText.of(html);
        }
        return new Bodies(text, html, List.copyOf(attachments), List.copyOf(parts));
    }

    private static List<MimeNode> leaves(MimeNode node, List<MimeNode> into) {
        if (node.embedded != null) {
            return leaves(node.embedded, into);
        }
        if (node.isMultipart()) {
            node.children.forEach(child -> leaves(child, into));
        } else if (!node.truncated && node.content != null) {
            into.add(node);
        }
        return into;
    }

    private static ParsedMessage.Part part(MimeNode leaf) {
        boolean relatedResource = leaf.parent != null && leaf.parent.mimeType.equals("multipart/related");
        String disposition = leaf.disposition == null && relatedResource ? "inline" : leaf.disposition;
        return new ParsedMessage.Part(
                leaf.mimeType,
                leaf.contentType.parameters(),
                leaf.filename,
                disposition,
                leaf.contentId,
                leaf.content,
                leaf.messageHeaders);
    }

    private static boolean isAttachment(MimeNode leaf, Choice choice) {
        if (leaf == choice.plain() || leaf == choice.html()) {
            return false;
        }
        if (Choice.isInlineText(leaf) && leaf.filename == null && withinAlternative(leaf)) {
            return false;
        }
        return leaf.filename != null || !isBlank(leaf.content);
    }

    /** Whether content holds nothing but white space, as stray parts between doubled boundaries do. */
    static boolean isBlank(byte[] content) {
        for (byte b : content) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    private static boolean withinAlternative(MimeNode node) {
        for (MimeNode up = node.parent; up != null; up = up.parent) {
            if (up.mimeType.equals("multipart/alternative")) {
                return true;
            }
        }
        return false;
    }

    private static String plain(MimeNode node, Problems problems) {
        String text = Charsets.decode(node.content, node.charset(), problems, node.where());
        text = text.replace("\r\n", "\n").replace('\r', '\n');
        if ("flowed".equalsIgnoreCase(node.contentType.get("format"))) {
            text = FlowedText.decode(text, "yes".equalsIgnoreCase(node.contentType.get("delsp")));
        }
        return text;
    }

    private static String html(MimeNode node, Problems problems) {
        String charset = node.charset() != null ? node.charset() : metaCharset(node.content);
        return Charsets.decode(node.content, charset, problems, node.where());
    }

    /** An HTML body without a MIME charset often names its charset in a meta element. */
    private static String metaCharset(byte[] html) {
        String head = new String(html, 0, Math.min(html.length, META_WINDOW), StandardCharsets.ISO_8859_1);
        Matcher meta = META_CHARSET.matcher(head);
        return meta.find() ? meta.group(1).toLowerCase(Locale.ROOT) : null;
    }

    /** The leaves chosen as the text/plain and text/html bodies of a subtree; either may be null. */
    record Choice(MimeNode plain, MimeNode html) {

        private static final Choice NONE = new Choice(null, null);

        static Choice of(MimeNode node) {
            if (node.embedded != null) {
                return of(node.embedded);
            }
            if (node.truncated) {
                return NONE;
            }
            if (!node.isMultipart()) {
                return leaf(node);
            }
            return switch (node.mimeType) {
                case "multipart/alternative" -> alternative(node.children);
                case "multipart/related" -> node.children.isEmpty() ? NONE : of(relatedRoot(node));
                default -> first(node.children);
            };
        }

        /** A text leaf a reader would display in place, rather than offer as a file. */
        static boolean isInlineText(MimeNode node) {
            return (node.mimeType.equals("text/plain") || node.mimeType.equals("text/html"))
                    && !"attachment".equals(node.disposition)
                    && node.content != null
                    && node.isDecodable();
        }

        /**
         * A single-part message is its body even when it is named or empty; inside a multipart a name makes a file,
         * and an empty text is no body, so that a stray empty part does not hide the real one.
         */
        private static Choice leaf(MimeNode node) {
            boolean nested = node.parent != null;
            if (!isInlineText(node) || (nested && (node.filename != null || isBlank(node.content)))) {
                return NONE;
            }
            return node.mimeType.equals("text/plain") ? new Choice(node, null) : new Choice(null, node);
        }

        private static Choice alternative(List<MimeNode> children) {
            MimeNode plain = null;
            MimeNode html = null;
            for (MimeNode child : children) {
                Choice choice = of(child);
                plain = choice.plain() != null ? choice.plain() : plain;
                html = choice.html() != null ? choice.html() : html;
            }
            return new Choice(plain, html);
        }

        private static Choice first(List<MimeNode> children) {
            for (MimeNode child : children) {
                Choice choice = of(child);
                if (choice.plain() != null || choice.html() != null) {
                    return choice;
                }
            }
            return NONE;
        }

        /** RFC 2387: the part the {@code start} parameter names, else the first. */
        private static MimeNode relatedRoot(MimeNode related) {
            String start = related.contentType.get("start");
            for (MimeNode child : related.children) {
                if (start != null
                        && child.contentId != null
                        && bare(child.contentId).equals(bare(start))) {
                    return child;
                }
            }
            return related.children.get(0);
        }

        private static String bare(String id) {
            return id.strip().replaceAll("^<|>$", "");
        }
    }
}
