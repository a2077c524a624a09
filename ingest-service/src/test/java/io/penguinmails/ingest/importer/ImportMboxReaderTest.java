package io.penguinmails.ingest.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.penguinmails.ingest.service.importer.MboxReader;
import io.penguinmails.ingest.service.importer.NotAnMboxException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImportMboxReaderTest {

    @Test
    void splitsOnFromLinesAfterAnEmptyLineAndDropsTheFraming() throws IOException {
        String mbox = "From a@example.com Tue Mar  3 08:13:58 2026\n"
                + "Subject: one\n\nbody one\n\n"
                + "From b@example.com Tue Mar  3 08:14:00 2026\n"
                + "Subject: two\n\nbody two\n\n";
        assertThat(texts(mbox, 1000)).containsExactly("Subject: one\n\nbody one\n", "Subject: two\n\nbody two\n");
    }

    @Test
    void unquotesOneLevelOfQuotedFromLinesOnly() throws IOException {
        String mbox = "From a@example.com Tue Mar  3 08:13:58 2026\n"
                + "Subject: quoting\n\n"
                + ">From the start\n"
                + ">>From a quote\n"
                + "> >From is not a quoted From line\n"
                + "Fromage is no separator\n";
        assertThat(texts(mbox, 1000))
                .containsExactly(
                        "Subject: quoting\n\nFrom the start\n>From a quote\n> >From is not a quoted From line\n"
                                + "Fromage is no separator\n");
    }

    @Test
    void fromLineWithoutEmptyLineBeforeItStaysInTheBody() throws IOException {
        String mbox = "From a@example.com Tue Mar  3 08:13:58 2026\n"
                + "Subject: sloppy writer\n\nfirst line\nFrom here on the body continues\n";
        assertThat(texts(mbox, 1000))
                .containsExactly("Subject: sloppy writer\n\nfirst line\nFrom here on the body continues\n");
    }

    @Test
    void keepsCrLfLineEndingsAndTheMessagesOwnTrailingEmptyLine() throws IOException {
        String mbox = "From a@example.com Tue Mar  3 08:13:58 2026\r\n"
                + "Subject: crlf\r\n\r\nbody\r\n\r\n\r\n"
                + "From b@example.com Tue Mar  3 08:14:00 2026\r\n"
                + "Subject: next\r\n\r\nx\r\n";
        assertThat(texts(mbox, 1000))
                .containsExactly("Subject: crlf\r\n\r\nbody\r\n\r\n", "Subject: next\r\n\r\nx\r\n");
    }

    @Test
    void aMessageOverTheLimitIsCountedWithoutItsBytes() throws IOException {
        String big = "Subject: big\n\n" + "x".repeat(500) + "\n";
        String mbox = "From a@example.com Tue Mar  3 08:13:58 2026\n" + big + "\n"
                + "From b@example.com Tue Mar  3 08:14:00 2026\nSubject: small\n\nok\n";
        List<MboxReader.Entry> entries = entries(mbox, 100);
        assertThat(entries).hasSize(2);
        assertThat(entries.get(0).tooLarge()).isTrue();
        assertThat(entries.get(0).size()).isGreaterThan(100);
        assertThat(entries.get(1).index()).isEqualTo(1);
        assertThat(new String(entries.get(1).raw(), StandardCharsets.US_ASCII)).isEqualTo("Subject: small\n\nok\n");
    }

    @Test
    void emptyStreamHasNoMessagesAndOtherBytesAreNotAnMbox() throws IOException {
        assertThat(entries("\n\n", 100)).isEmpty();
        assertThatThrownBy(() -> entries("Subject: a bare message\n\nhello\n", 100))
                .isInstanceOf(NotAnMboxException.class);
    }

    @Test
    void readsTheProjectSampleArchive() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/mbox/archive.mbox")) {
            MboxReader reader = new MboxReader(in, 1_000_000);
            List<String> messages = new ArrayList<>();
            for (MboxReader.Entry e = reader.next(); e != null; e = reader.next()) {
                messages.add(new String(e.raw(), StandardCharsets.UTF_8));
            }
            assertThat(messages).hasSize(4);
            assertThat(messages.get(0))
                    .startsWith("Return-Path: <lucia.ferrer@globex.example>\n")
                    .contains("\nFrom what I can tell")
                    .contains("\nFrom our side")
                    .endsWith("teams your size save about 18% on returns.\n");
            assertThat(messages.get(2)).contains("Auto-Submitted: auto-replied");
        }
    }

    private static List<String> texts(String mbox, long max) throws IOException {
        return entries(mbox, max).stream()
                .map(e -> new String(e.raw(), StandardCharsets.UTF_8))
                .toList();
    }

    private static List<MboxReader.Entry> entries(String mbox, long max) throws IOException {
        MboxReader reader = new MboxReader(new ByteArrayInputStream(mbox.getBytes(StandardCharsets.UTF_8)), max);
        List<MboxReader.Entry> entries = new ArrayList<>();
        for (MboxReader.Entry e = reader.next(); e != null; e = reader.next()) {
            entries.add(e);
        }
        return entries;
    }
}
