package io.penguinmails.ingest.service.classify;

import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** The SMTP stage at which a remote server refused a message; it tells a refused sender from a refused recipient. */
public enum SmtpCommand {
    /** The connection or the greeting banner. */
    CONNECT("after initial connection", "refused to talk to me", "before the greeting", "greeting banner"),
    /** HELO or EHLO. */
    HELO("\\b(?:helo|ehlo)\\b(?: command| handshake)?", "my name was rejected"),
    /** MAIL FROM. */
    MAIL("mail from\\b", "\\[mail_from]"),
    /** RCPT TO. */
    RCPT("rcpt to\\b", "rcpt command", "\\[rcpt_to]", "does not like recipient", "rejected recipient"),
    /** DATA, or the end of the message body. */
    DATA(
            "end of data",
            "(?:after|our final|in reply to|>>>) data\\b",
            "\\bdata command",
            "failed after i sent the message",
            "\\[data]",
            "smtp command\\s+data\\b");

    /**
     * With pipelining a client sends RCPT TO and DATA together and transcripts show DATA; a server that then answers
     * DATA with "no valid recipients" refused the recipients themselves.
     */
    private static final List<Phrase> PIPELINED_RCPT =
            List.of(Phrase.of("no valid recipients"), Phrase.of("need rcpt"));

    private static final SmtpCommand[] ALL = values();

    /** The wordings naming the stage; the first occurrence of any of them is where the stage is named. */
    private final List<Phrase> phrases;

    SmtpCommand(String... phrases) {
        this.phrases = Stream.of(phrases).map(Phrase::of).toList();
    }

    /**
     * The stage named first in a diagnostic text, or null. The first mention wins because transcripts name the failing
     * command before the replies that follow it.
     */
    public static SmtpCommand find(String text) {
        if (text == null) {
            return null;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (PIPELINED_RCPT.stream().anyMatch(p -> p.foundIn(lower))) {
            return RCPT;
        }
        SmtpCommand found = null;
        int at = Integer.MAX_VALUE;
        for (SmtpCommand command : ALL) {
            int first = command.firstIndexIn(lower);
            if (first >= 0 && first < at) {
                at = first;
                found = command;
            }
        }
        return found;
    }

    private int firstIndexIn(String lower) {
        int first = -1;
        for (Phrase phrase : phrases) {
            int at = phrase.firstIndexIn(lower);
            if (at >= 0 && (first < 0 || at < first)) {
                first = at;
            }
        }
        return first;
    }
}
