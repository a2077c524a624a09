package io.penguinmails.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.penguinmails.contracts.MailEvent;
import io.penguinmails.ingest.ParsedMessage;
import io.penguinmails.ingest.TestMail;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The parser against the project's own MIME samples in {@code src/test/resources/mail/mime}, one feature each. */
class MimeParserTest {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G'};

    private final MessageParser parser = new MessageParser();

    private ParsedMessage parse(String sample) {
        return parser.parse(TestMail.bytes("mime/" + sample));
    }

    @Test
    void decodesEncodedWordsInEveryCharsetAndKeepsHeaderOrder() {
        ParsedMessage message = parse("international-headers.eml");

        assertThat(message.subject()).isEqualTo("Zażółć gęślą jaźń");
        assertThat(message.from().name()).isEqualTo("Paweł Wójcik");
        assertThat(message.header("Comments")).isEqualTo("Привет из Москвы");
        assertThat(message.header("Keywords")).isEqualTo("Отчёт за квартал, 季度报告");
        assertThat(message.header("X-Meeting")).isEqualTo("会議の議事録 / お世話になっております");
        assertThat(message.header("X-Greeting"))
                .as("a UTF-8 character split over two words")
                .isEqualTo("Grüße aus München");
        assertThat(message.header("X-Price")).as("RFC 2231 language tag").isEqualTo("Preis: 20 €");
        assertThat(message.headers())
                .extracting(MailEvent.Header::name)
                .startsWith("Return-Path", "Received", "Message-ID", "Date", "From", "To", "Subject");
        assertThat(message.header("Received")).doesNotContain("\r", "\n").contains("by mx.penguinmails.example");
        assertThat(message.problems()).isEmpty();
    }

    @Test
    void readsGroupsRepeatedFieldsDisplayNamesAndThreading() {
        ParsedMessage message = parse("address-lists.eml");

        assertThat(message.from()).isEqualTo(new MailEvent.Address("hans.mueller@contoso.example", "Müller, Hans"));
        assertThat(message.to())
                .containsExactly(
                        new MailEvent.Address("alice@acme.example", null),
                        new MailEvent.Address("bob@acme.example", "Bob Example"),
                        new MailEvent.Address("carol@acme.example", "Carol Jones"),
                        new MailEvent.Address("dave@acme.example", null));
        assertThat(message.cc())
                .containsExactly(
                        new MailEvent.Address("erin@acme.example", "Érin Dupont"),
                        new MailEvent.Address("frank@acme.example", "Frank \"The Tank\" Lee"));
        assertThat(message.messageId()).isEqualTo("<CAH+q8Lx3@mail.contoso.example>");
        assertThat(message.inReplyTo()).isEqualTo("<pm.41d2@acme.example>");
        assertThat(message.references())
                .containsExactly("<pm.1a2b@acme.example>", "<pm.41d2@acme.example>", "<CAH+q7Kz@mail.contoso.example>");
        assertThat(message.date()).isEqualTo(Instant.parse("2026-11-02T22:45:00Z"));
        assertThat(message.problems()).isEmpty();
    }

    @Test
    void readsRawEightBitHeadersAsUtf8ThenWindows1252AndBrokenDatesLeniently() {
        ParsedMessage message = parse("raw-8bit-headers.eml");

        assertThat(message.subject()).isEqualTo("Café con leche ☕");
        assertThat(message.from().name()).isEqualTo("José García");
        assertThat(message.date()).isEqualTo(Instant.parse("2026-11-02T09:15:00Z"));
        assertThat(message.problems())
                .anySatisfy(p -> assertThat(p).contains("From", "windows-1252"))
                .anySatisfy(p -> assertThat(p).contains("Date", "not RFC 5322"));
    }

    @Test
    void choosesBodiesThroughMixedAlternativeAndRelated() {
        ParsedMessage message = parse("nested-related.eml");

        assertThat(message.text()).startsWith("Hi Sam,\n\nthe brochure draft is attached");
        assertThat(message.html()).contains("<img src=\"cid:logo.7f3a@tailspin.example\">");
        assertThat(message.attachments()).hasSize(2);
        ParsedMessage.Part logo = message.attachments().get(0);
        assertThat(logo.filename()).isEqualTo("logo.png");
        assertThat(logo.disposition()).isEqualTo("inline");
        assertThat(logo.contentId()).isEqualTo("<logo.7f3a@tailspin.example>");
        assertThat(Arrays.copyOf(logo.content(), 4)).isEqualTo(PNG_SIGNATURE);
        ParsedMessage.Part pdf = message.attachments().get(1);
        assertThat(pdf.filename()).isEqualTo("brochure-draft.pdf");
        assertThat(pdf.disposition()).isEqualTo("attachment");
        assertThat(new String(pdf.content(), StandardCharsets.US_ASCII))
                .startsWith("%PDF-1.4")
                .endsWith("%%EOF\n");
        assertThat(message.parts())
                .extracting(ParsedMessage.Part::mimeType)
                .containsExactly("text/plain", "text/html", "image/png", "application/pdf");
        assertThat(message.problems()).isEmpty();
    }

    @Test
    void prefersTheLastAlternativeOfEachKind() {
        ParsedMessage message = parse("alternative-last-wins.eml");

        assertThat(message.html()).contains("(rich HTML)");
        assertThat(message.text()).isEqualTo("November update (plain text)\n");
        assertThat(message.attachments())
                .as("the basic HTML rendering is an alternative, not a file")
                .singleElement()
                .satisfies(image -> {
                    assertThat(image.mimeType()).isEqualTo("image/png");
                    assertThat(image.disposition()).isEqualTo("inline");
                    assertThat(image.contentId()).isEqualTo("<banner@wingtip.example>");
                });
    }

    @Test
    void keepsACalendarAlternativeAsAnAttachment() {
        ParsedMessage message = parse("calendar-invite.eml");

        assertThat(message.text()).startsWith("You are invited");
        assertThat(message.html()).contains("<b>quarterly review</b>");
        assertThat(message.attachments()).singleElement().satisfies(calendar -> {
            assertThat(calendar.mimeType()).isEqualTo("text/calendar");
            assertThat(calendar.parameters()).containsEntry("method", "REQUEST");
            assertThat(new String(calendar.content(), StandardCharsets.UTF_8)).startsWith("BEGIN:VCALENDAR");
        });
    }

    @Test
    void removesBase64QuotedPrintableAndBinaryTransferEncodings() {
        ParsedMessage message = parse("transfer-encodings.eml");

        assertThat(message.text()).isEqualTo("Nightly export finished: 3 files, 0 errors.\n");
        assertThat(message.attachments())
                .extracting(ParsedMessage.Part::filename)
                .containsExactly("export.csv", "table.bin", "notes.txt");
        assertThat(new String(message.attachments().get(0).content(), StandardCharsets.UTF_8))
                .isEqualTo("id;name;city\r\n1;Jörg;Köln\r\n2;Ana;São Paulo");
        byte[] everyByte = new byte[256];
        for (int i = 0; i < everyByte.length; i++) {
            everyByte[i] = (byte) i;
        }
        assertThat(message.attachments().get(1).content()).isEqualTo(everyByte);
        assertThat(message.problems()).isEmpty();
    }

    @Test
    void decodesALegacyCharsetBody() {
        ParsedMessage message = parse("koi8r-body.eml");

        assertThat(message.text()).isEqualTo("Добрый день!\nОтчёт за квартал во вложении.\n");
        assertThat(message.subject()).isEqualTo("Отчёт за квартал");
        assertThat(message.from().name()).isEqualTo("Иван Петров");
    }

    @Test
    void fallsBackOnBrokenAndUnknownCharsetsAndSaysSo() {
        ParsedMessage message = parse("broken-charsets.eml");

        assertThat(message.text()).isEqualTo("Total: 120 € – payable by 30 November, merci beaucoup.\n");
        assertThat(message.html()).contains("120 € – payable");
        assertThat(message.problems())
                .anySatisfy(p -> assertThat(p).contains("part 1", "UTF-8", "windows-1252"))
                .anySatisfy(p -> assertThat(p).contains("part 2", "unknown charset \"x-litware-legacy\""));
    }

    @Test
    void unwrapsFormatFlowedWithDelSp() {
        ParsedMessage message = parse("format-flowed.eml");

        assertThat(message.text())
                .isEqualTo("Hi Sam,\n\n"
                        + "we can ship the first batch on Monday and the second one as soon as the customs papers"
                        + " arrive, which usually takes two or three working days.\n"
                        + "From Monday on, the warehouse is closed.\n\n"
                        + "> When can you ship? We need the first half before the trade fair.\n\n"
                        + "Best,\nMia\n-- \nMia Schmidt, Contoso Logistics\n");
    }

    @Test
    void derivesTextFromAnHtmlOnlyMessageWithLineBreaksPerBlock() {
        ParsedMessage message = parse("html-only.eml");

        assertThat(message.html()).as("charset from the meta element").contains("49,00 €", "1 × Desk lamp");
        assertThat(message.text())
                .isEqualTo("Order confirmed\n\n"
                        + "Thank you for your order, Sam. It ships in two days.\n\n"
                        + "- 1 × Desk lamp\n- 2 × Notebook\n\n"
                        + "Total 49,00 €\n\n"
                        + "Questions? Reply to this email.\nFabrikam Shop");
    }

    @Test
    void decodesAttachmentNamesInEveryForm() {
        ParsedMessage message = parse("attachment-names.eml");

        assertThat(message.attachments())
                .extracting(ParsedMessage.Part::filename)
                .containsExactly(
                        "Verträge und Anhänge für 2026.pdf",
                        "Договор.pdf",
                        "budget 2026.xls",
                        "résumé.txt",
                        "notes.txt");
        assertThat(message.attachments().get(2).disposition()).isNull();
        assertThat(message.problems()).singleElement().asString().contains("names a directory");
    }

    @Test
    void keepsAForwardedMessageAsOneAttachmentWithReadableHeaders() {
        ParsedMessage message = parse("forwarded-message.eml");

        assertThat(message.text()).isEqualTo("See the message below.\n");
        ParsedMessage.Part forwarded = message.attachments().get(0);
        assertThat(message.attachments()).hasSize(1);
        assertThat(forwarded.mimeType()).isEqualTo("message/rfc822");
        assertThat(forwarded.filename()).isEqualTo("Delivery problem – order 88.eml");
        assertThat(forwarded.messageHeaders())
                .contains(
                        new MailEvent.Header("Subject", "Delivery problem – order 88"),
                        new MailEvent.Header("Message-ID", "<orig.77@tailspin.example>"));
        assertThat(new String(forwarded.content(), StandardCharsets.US_ASCII))
                .startsWith("Message-ID: <orig.77@tailspin.example>\r\n")
                .contains("filename=\"label.png\"");
    }

    @Test
    void keepsTnefAsAFile() {
        ParsedMessage message = parse("tnef-winmail.eml");

        assertThat(message.attachments())
                .extracting(ParsedMessage.Part::filename, ParsedMessage.Part::mimeType)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("winmail.dat", "application/ms-tnef"),
                        org.assertj.core.groups.Tuple.tuple("winmail.dat", "application/vnd.ms-tnef"));
        assertThat(message.attachments())
                .allSatisfy(tnef -> assertThat(tnef.content()).hasSize(64));
    }

    @Test
    void readsPastAMissingEndBoundaryAndRecordsIt() {
        ParsedMessage message = parse("missing-end-boundary.eml");

        assertThat(message.text()).isEqualTo("Your scan is attached.\n");
        assertThat(message.attachments()).singleElement().satisfies(pdf -> assertThat(
                        new String(pdf.content(), StandardCharsets.US_ASCII))
                .endsWith("%%EOF\n"));
        assertThat(message.problems()).singleElement().asString().contains("closing boundary is missing");
    }

    @Test
    void decodesDamagedBase64AsFarAsItGoes() {
        ParsedMessage message = parse("bad-base64.eml");

        ParsedMessage.Part pdf = message.attachments().get(0);
        assertThat(new String(pdf.content(), StandardCharsets.US_ASCII)).startsWith("%PDF-1.4");
        assertThat(message.problems()).isNotEmpty().allSatisfy(p -> assertThat(p)
                .contains("part 2", "base64"));
    }

    @Test
    void recordsOverlongHeaderLinesAndAHeaderWithoutItsBlankLine() {
        ParsedMessage message = parse("long-header-line.eml");

        assertThat(message.references()).hasSize(30);
        assertThat(message.text())
                .isEqualTo("The blank line after the header is missing, so this line starts the body.\n");
        assertThat(message.problems())
                .anySatisfy(p -> assertThat(p).contains("mbox"))
                .anySatisfy(p -> assertThat(p).contains("References", "over the limit of 998"))
                .anySatisfy(p -> assertThat(p).contains("does not end with a blank line"));
    }

    @Test
    void boundsAbsurdNestingAndKeepsWhatLiesAbove() {
        StringBuilder mail = new StringBuilder("From: deep@example.com\r\nSubject: deep\r\n");
        int levels = 500;
        for (int level = 0; level < levels; level++) {
            mail.append("Content-Type: multipart/mixed; boundary=\"b")
                    .append(level)
                    .append("\"\r\n\r\n--b")
                    .append(level)
                    .append("\r\nContent-Type: text/plain\r\n\r\nlevel ")
                    .append(level)
                    .append("\r\n--b")
                    .append(level)
                    .append("\r\n");
        }
        mail.append("Content-Type: text/plain\r\n\r\nbottom\r\n");

        ParsedMessage message = parser.parse(mail.toString().getBytes(StandardCharsets.US_ASCII));

        assertThat(message.text()).isEqualTo("level 0");
        assertThat(message.problems()).anySatisfy(p -> assertThat(p).contains("nested deeper than"));
        assertThat(message.parts()).hasSizeLessThan(levels);
    }

    @Test
    void neverThrowsOnHostileStructure() {
        String[] hostile = {
            "Subject: empty boundary\r\nContent-Type: multipart/mixed; boundary=\"\"\r\n\r\n--\r\n\r\ntext\r\n",
            "Subject: no boundary\r\nContent-Type: multipart/mixed\r\n\r\nplain words\r\n",
            "Subject: base64 multipart\r\nContent-Type: multipart/mixed; boundary=x\r\n"
                    + "Content-Transfer-Encoding: base64\r\n\r\n--x\r\n\r\n@@@\r\n",
            "Subject: attached nothing\r\nContent-Type: message/rfc822\r\n\r\n",
            "From: a@example.com\r\nContent-Type: text/plain; charset=\"\r\n\r\n\u00ff\u00fe"
        };
        for (String mail : hostile) {
            ParsedMessage message = parser.parse(mail.getBytes(StandardCharsets.ISO_8859_1));
            assertThat(message.subject() != null || message.from() != null).isTrue();
        }
    }

    @Test
    void refusesBytesWithoutAnyHeader() {
        assertThatThrownBy(() -> parser.parse(new byte[0])).isInstanceOf(NotAMessageException.class);
        assertThatThrownBy(() -> parser.parse("Note: this is just prose\r\n".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(NotAMessageException.class);
    }
}
