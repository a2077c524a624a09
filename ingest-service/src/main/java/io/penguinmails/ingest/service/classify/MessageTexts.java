package io.penguinmails.ingest.service.classify;

import io.penguinmails.ingest.ParsedMessage;
import java.util.List;

/**
 * The texts classification reads from one message, decoded and cut once however many readers ask: the text parts,
 * the report's own words (each part up to where a returned message starts) and the returned message quoted after
 * them. Decoding and cutting are the costly part of reading a report, and bounce detection, the per-recipient reader
 * and the returned Message-ID all need the same texts. One instance per classification; not thread-safe.
 */
public final class MessageTexts {

    private final ParsedMessage message;
    private List<String> parts;
    private String report;
    private String returned;

    /** The texts of a message, read when first asked for. */
    public MessageTexts(ParsedMessage message) {
        this.message = message;
    }

    /** The message the texts are read from. */
    public ParsedMessage message() {
        return message;
    }

    /** The decoded text parts (see {@link ReportText#parts}). */
    public List<String> parts() {
        if (parts == null) {
            parts = ReportText.parts(message);
        }
        return parts;
    }

    /** The report's own words: the text parts joined, each cut where the returned message starts. */
    public String report() {
        if (report == null) {
            cut();
        }
        return report;
    }

    /** The text parts after the point where a returned message starts, joined; blank when none is quoted. */
    public String returnedMessage() {
        if (returned == null) {
            cut();
        }
        return returned;
    }

    private void cut() {
        StringBuilder own = new StringBuilder();
        StringBuilder quoted = new StringBuilder();
        for (String text : parts()) {
            int start = ReportText.returnedMessageStart(text);
            own.append(text, 0, start).append('\n');
            quoted.append(text, start, text.length()).append('\n');
        }
        report = own.toString();
        returned = quoted.toString();
    }
}
