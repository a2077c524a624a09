package io.penguinmails.ingest.service.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.penguinmails.contracts.MailEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The header readers on the cases a sample message cannot show one by one. */
class MimeHeaderParserTest {

    private final Problems problems = new Problems();

    @Test
    void encodedWordsKeepTextBetweenThemAndGuessUnknownCharsets() {
        assertThat(EncodedWords.decode("=?utf-8?q?caf=C3=A9?= au lait =?UTF-8?Q?cr=C3=A8me?=", problems, "h"))
                .isEqualTo("café au lait crème");
        assertThat(EncodedWords.decode("=?utf-8?B?R3LDvMOfZQ?=", problems, "h"))
                .as("missing padding")
                .isEqualTo("Grüße");
        assertThat(EncodedWords.decode("=?x-klingon?q?caf=C3=A9?=", problems, "header Subject"))
                .isEqualTo("café");
        assertThat(problems.list()).singleElement().asString().contains("header Subject", "x-klingon");
        assertThat(EncodedWords.decode("=?utf-8?q?not closed", problems, "h")).isEqualTo("=?utf-8?q?not closed");
    }

    @Test
    void addressesInObsoleteAndDamagedForms() {
        assertThat(AddressParser.parse("<@relay.example:ann@example.com>, bob@example.com (Bob), eve", problems, "h"))
                .containsExactly(
                        new MailEvent.Address("ann@example.com", null),
                        new MailEvent.Address("bob@example.com", "Bob"),
                        new MailEvent.Address("eve", null));
        assertThat(AddressParser.parse("<>, \"Unclosed <x@example.com>", problems, "h"))
                .containsExactly(new MailEvent.Address("x@example.com", "Unclosed"));
        assertThat(AddressParser.parse("Jörg Müller <jörg@bücher.example>", problems, "h"))
                .containsExactly(new MailEvent.Address("jörg@bücher.example", "Jörg Müller"));
    }

    @Test
    void parametersJoinRfc2231SectionsAndToleratePoorSyntax() {
        MimeParameters type = MimeParameters.parse(
                "Application/PDF;; name*0*=utf-8''%E2%82%AC%20; name*1=\"report.pdf\"; name=\"fallback.pdf\"; x=a b",
                problems, "part 1");

        assertThat(type.value()).isEqualTo("application/pdf");
        assertThat(type.get("name")).isEqualTo("€ report.pdf");
        assertThat(type.get("x")).isEqualTo("a b");
        assertThat(MimeParameters.parse("attachment; filename=\"=?iso-8859-1?q?r=E9sum=E9.txt?=\"", problems, "p")
                        .get("filename"))
                .isEqualTo("résumé.txt");
        assertThat(MimeParameters.parse("inline; filename=\"unterminated.txt", problems, "p")
                        .get("filename"))
                .isEqualTo("unterminated.txt");
    }

    @Test
    void datesInStandardObsoleteAndBrokenForms() {
        assertDate("Tue, 3 Nov 2026 09:05:07 +0100", "2026-11-03T08:05:07Z", true);
        assertDate("3 Nov 26 09:05 EST (Eastern)", "2026-11-03T14:05:00Z", true);
        assertDate("Tue Nov  3 09:05:07 2026", "2026-11-03T09:05:07Z", false);
        assertDate("2026-11-03T09:05:07+01:00", "2026-11-03T08:05:07Z", false);
        assertDate("Tuesday, November 3, 2026 9:05 PM GMT+0100", "2026-11-03T20:05:00Z", false);
        assertDate("Mon, 21 Aug 95 13:30:57 -600", "1995-08-21T19:30:57Z", false);
        assertDate("Tue, 029 Apr 2019 23:34:45 -0800 (PST)", "2019-04-30T07:34:45Z", false);
        assertDate("29-04-2017 23:34", "2017-04-29T23:34:00Z", false);
        assertDate("04/29/2017 11:34 PM", "2017-04-29T23:34:00Z", false);
        assertThat(LenientDate.parse("Malformed Date.")).isEmpty();
        assertThat(LenientDate.parse("Tue, 31 Feb 2026 10:00:00 +0000")).isEmpty();
    }

    private static void assertDate(String value, String instant, boolean standard) {
        assertThat(LenientDate.parse(value))
                .as(value)
                .contains(new LenientDate.Result(Instant.parse(instant), standard));
    }

    @Test
    void messageIdsKeepOrGainTheirBrackets() {
        assertThat(MessageIds.all("<a@example.com><b@example.com>\r\n <c@example.com>"))
                .containsExactly("<a@example.com>", "<b@example.com>", "<c@example.com>");
        assertThat(MessageIds.first("1234.5678@mail.example.com")).isEqualTo("<1234.5678@mail.example.com>");
        assertThat(MessageIds.first("  ")).isNull();
    }

    @Test
    void problemsAreDeduplicatedAndCapped() {
        for (int i = 0; i < 200; i++) {
            problems.add("same");
            problems.add("problem " + i);
        }
        assertThat(problems.list())
                .hasSize(Problems.MAX + 1)
                .startsWith("same", "problem 0")
                .endsWith("more problems were found and not listed");
    }
}
