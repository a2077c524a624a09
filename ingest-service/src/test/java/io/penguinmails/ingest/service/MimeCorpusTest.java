package io.penguinmails.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.penguinmails.ingest.ParsedMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Parses every message of the shared MIME corpus ({@code corpus.dir}/mime, read in place) and checks what a careful
 * reader would expect of each: no exception, bodies where inline text exists, bytes behind every named file, readable
 * attached messages, and problems recorded for the structures the corpus damages on purpose.
 */
class MimeCorpusTest {

    /** Corpus files whose damage is known, and a word the recorded problem must contain. */
    private static final Map<String, String> KNOWN_DAMAGE = Map.ofEntries(
            Map.entry("testmsgs_missing-boundary.eml", "closing boundary"),
            Map.entry("testmsgs_missing-inner-boundary.eml", "closing boundary"),
            Map.entry("testmsgs_missing-inner-start-boundary.eml", "no part follows the boundary"),
            Map.entry("testmsgs_multipartnopart.eml", "no part follows the boundary"),
            Map.entry("mimetools-testmsgs_badbound.eml", "closing boundary"),
            Map.entry("mimetools-testmsgs_multi-frag.eml", "closing boundary"),
            Map.entry("mimetools-testmsgs_double-bound.eml", "ends inside its header"),
            Map.entry("testmsgs_basic-plain-with-bad-header-separator.eml", "blank line"),
            Map.entry("testmsgs_malformedHeader-nocrlfcrlf.eml", "blank line"),
            Map.entry("testmsgs_malformedHeaderStartsBody-nocrlfcrlf.eml", "blank line"),
            Map.entry("mimetools-testmsgs_hdr-fakeout.eml", "blank line"),
            Map.entry("testmsgs_obsolete.eml", "invalid header line"),
            Map.entry("testmsgs_very-very-long-boundary.eml", "over the limit of 998"),
            Map.entry("mimetools-testmsgs_x-gzip64.eml", "unknown Content-Transfer-Encoding"),
            Map.entry("mimetools-testmsgs_multi-bad.eml", "Date"));

    /** Well-formed corpus messages: nothing may be reported for them. */
    private static final List<String> CLEAN = List.of(
            "mimetools-testmsgs_multi-2gifs.eml",
            "mimetools-testmsgs_multi-nested3.eml",
            "mimetools-testmsgs_intl.eml",
            "mimetools-testmsgs_ticket-60931.eml",
            "mimetools-testmsgs_bluedot-postcard.eml",
            "testmsgs_example.eml",
            "testmsgs_simple-attachment.eml",
            "testmsgs_base64encoded-rfc822message-nested.eml",
            "testmsgs_boundary-name-clash.eml");

    private static final Pattern ENCODED_WORD = Pattern.compile("=\\?[^?\\s]+\\?[bBqQ]\\?");
    private static final Pattern HEADER_LINE = Pattern.compile("^(From |[\\x21-\\x39\\x3B-\\x7E]+[ \\t]*:)");

    private final MessageParser parser = new MessageParser();

    @Test
    void parsesEveryCorpusMessageAsACarefulReaderWould() {
        List<Path> files = corpusFiles();
        Summary summary = new Summary();
        SoftAssertions softly = new SoftAssertions();
        for (Path file : files) {
            byte[] raw = read(file);
            if (!HEADER_LINE.matcher(firstLine(raw)).find()) {
                assertThatThrownBy(() -> parser.parse(raw))
                        .as("%s has no header at all", file.getFileName())
                        .isInstanceOf(NotAMessageException.class);
                summary.rejected++;
                continue;
            }
            long start = System.nanoTime();
            ParsedMessage message = parser.parse(raw);
            summary.add(message, System.nanoTime() - start);
            check(softly, file.getFileName().toString(), message);
        }
        System.out.println(summary.report(files.size()));
        softly.assertAll();
        assertThat(summary.parsed).as("messages parsed").isGreaterThan(files.size() * 9 / 10);
    }

    private static void check(SoftAssertions softly, String name, ParsedMessage message) {
        checkFiles(softly, name, message);
        if (message.parts().stream().anyMatch(MimeCorpusTest::isInlineText)) {
            softly.assertThat(message.text() != null || message.html() != null)
                    .as("%s: has inline text, so a body", name)
                    .isTrue();
        }
        if (message.subject() != null) {
            softly.assertThat(ENCODED_WORD.matcher(message.subject()).find())
                    .as("%s: subject still encoded: %s", name, message.subject())
                    .isFalse();
        }
        if (message.header("Date") != null && message.date() == null) {
            softly.assertThat(message.problems()).as("%s: unread Date", name).anyMatch(p -> p.contains("Date"));
        }
        checkKnownDamage(softly, name, message);
    }

    private static void checkFiles(SoftAssertions softly, String name, ParsedMessage message) {
        List<ParsedMessage.Part> named =
                message.attachments().stream().filter(p -> p.filename() != null).toList();
        if (!named.isEmpty()) {
            softly.assertThat(named.stream().mapToLong(p -> p.content().length).sum())
                    .as("%s: bytes behind its named attachments", name)
                    .isPositive();
        }
        softly.assertThat(message.parts()).as("%s: attachments are parts", name).containsAll(message.attachments());
        message.parts().stream()
                .filter(p -> p.mimeType().equals("message/rfc822"))
                .forEach(p -> softly.assertThat(p.messageHeaders())
                        .as("%s: attached message headers", name)
                        .isNotEmpty());
    }

    private static void checkKnownDamage(SoftAssertions softly, String name, ParsedMessage message) {
        if (KNOWN_DAMAGE.containsKey(name)) {
            softly.assertThat(message.problems())
                    .as("%s: damage recorded", name)
                    .anyMatch(p -> p.contains(KNOWN_DAMAGE.get(name)));
        }
        if (CLEAN.contains(name)) {
            softly.assertThat(message.problems()).as("%s: well-formed", name).isEmpty();
        }
    }

    /** A text part a reader sees in place: not a file, not empty. */
    private static boolean isInlineText(ParsedMessage.Part part) {
        return (part.mimeType().equals("text/plain") || part.mimeType().equals("text/html"))
                && part.filename() == null
                && !"attachment".equals(part.disposition())
                && !new String(part.content(), StandardCharsets.ISO_8859_1).isBlank();
    }

    private static List<Path> corpusFiles() {
        String root = System.getProperty("corpus.dir");
        Path dir = root == null ? null : Path.of(root).resolve("mime");
        if (dir == null || !Files.isDirectory(dir)) {
            Assumptions.assumeFalse(Boolean.getBoolean("corpus.optional"), "no MIME corpus, and corpus.optional=true");
            fail("the MIME corpus is missing at " + dir + "; point -Dcorpus.dir at it or set -Dcorpus.optional=true");
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> messages =
                    files.filter(f -> f.toString().endsWith(".eml")).sorted().toList();
            assertThat(messages).as("messages in " + dir).isNotEmpty();
            return messages;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String firstLine(byte[] raw) {
        String head = new String(raw, 0, Math.min(raw.length, 200), StandardCharsets.ISO_8859_1);
        return head.lines().findFirst().orElse("");
    }

    /** What the corpus run found, printed for the record. */
    private static final class Summary {
        private int parsed;
        private int rejected;
        private int attachments;
        private long attachmentBytes;
        private int withProblems;
        private int problems;
        private long nanos;

        void add(ParsedMessage message, long elapsed) {
            parsed++;
            attachments += message.attachments().size();
            attachmentBytes += message.attachments().stream()
                    .mapToLong(p -> p.content().length)
                    .sum();
            withProblems += message.problems().isEmpty() ? 0 : 1;
            problems += message.problems().size();
            nanos += elapsed;
        }

        String report(int files) {
            return String.format(
                    "MIME corpus: %d files, %d parsed, %d rejected as not a message; %d attachments (%d bytes);"
                            + " %d problems in %d messages; parse time %.1f ms total, %.3f ms per message"
                            + " (first run, JIT cold)",
                    files,
                    parsed,
                    rejected,
                    attachments,
                    attachmentBytes,
                    problems,
                    withProblems,
                    nanos / 1e6,
                    nanos / 1e6 / Math.max(1, parsed));
        }
    }
}
