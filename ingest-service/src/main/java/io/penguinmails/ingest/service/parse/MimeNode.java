package io.penguinmails.ingest.service.parse;

import io.penguinmails.contracts.MailEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** One entity of a message's MIME tree, as {@link MimeTree} read it. */
final class MimeNode {

    private static final Set<String> ENCODINGS = Set.of("7bit", "8bit", "binary", "base64", "quoted-printable");

    final MimeNode parent;
    /** IMAP-style section number ("1.2"); empty for the message itself. */
    final String path;
    /** How many multiparts and messages enclose this entity. */
    final int depth;

    final List<MimeNode> children = new ArrayList<>();
    String mimeType = "text/plain";
    MimeParameters contentType = MimeParameters.NONE;
    String transferEncoding = "7bit";
    String disposition;
    String filename;
    String contentId;
    /** The decoded body of a leaf. */
    byte[] content;

    byte[] preamble;
    /** The message a top-level message/rfc822 body carries, read as this message's content. */
    MimeNode embedded;

    List<MailEvent.Header> messageHeaders = List.of();
    /** Nested too deep to be read. */
    boolean truncated;
    /** Whether the type is known yet; until the header is read, problems name the part without it. */
    boolean described;

    /** How many header fields mime4j reported for this entity. */
    int fields;

    String contentTypeValue;
    String dispositionValue;

    MimeNode(MimeNode parent, String path, int depth) {
        this.parent = parent;
        this.path = path;
        this.depth = depth;
    }

    MimeNode child() {
        String number = String.valueOf(children.size() + 1);
        MimeNode child = new MimeNode(this, path.isEmpty() ? number : path + "." + number, depth + 1);
        children.add(child);
        return child;
    }

    boolean isMultipart() {
        return mimeType.startsWith("multipart/");
    }

    /** Whether the transfer encoding was one that mime4j removes or that needs no removing. */
    boolean isDecodable() {
        return ENCODINGS.contains(transferEncoding);
    }

    boolean isMessage() {
        return mimeType.equals("message/rfc822") || mimeType.equals("message/global");
    }

    String charset() {
        return contentType.get("charset");
    }

    /** How problems name this entity. */
    String where() {
        if (path.isEmpty()) {
            return "message body";
        }
        return described ? "part " + path + " (" + mimeType + ")" : "part " + path;
    }
}
