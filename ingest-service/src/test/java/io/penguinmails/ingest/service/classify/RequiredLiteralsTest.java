package io.penguinmails.ingest.service.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The words a phrase cannot match without: taken only where certain, none where the reader is unsure. */
class RequiredLiteralsTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = ';',
            value = {
                "mailbox (?:is )?full ; 'mailbox '",
                "over ?(?:the )?quota ; quota",
                "exceeds? (?:the )?size ; exceed",
                "\\bspam\\b ; spam",
                "(?:account|mailbox) (?:has )?expired ; account,mailbox",
                "sender (?:address )?rejected ; rejected",
                "bo[iî]te .{0,12}pleine ; pleine",
                "pipe to \\| ; 'pipe to '",
                "messages from [\\d.]+ were(?:n't| not) sent ; 'messages from '",
            })
    void findsTheWordsEveryMatchContains(String regex, String expected) {
        List<String> words = RequiredLiterals.of(regex);

        assertThat(String.join(",", words)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = ';',
            value = {
                "(?i)mailbox full",
                "full|mailbox",
                "(?=mailbox)mail",
                "a.{0,3}b",
                "(?:mail|e)x?",
                "[unclosed",
            })
    void findsNoneWhereItCannotBeSure(String regex) {
        assertThat(RequiredLiterals.of(regex)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = ';',
            value = {
                "mailbox (?:is )?full ; the mailbox is full today",
                "mailbox (?:is )?full ; mailbox full",
                "over ?(?:the )?quota ; overquota",
                "(?:account|mailbox) (?:has )?expired ; mailbox has expired",
                "not (?:a )?member of (?:this|the) (?:mailing )?list ; you are not member of the list",
            })
    void everyMatchContainsOneOfTheWords(String regex, String text) {
        assertThat(Pattern.compile(regex).matcher(text).find()).isTrue();

        assertThat(RequiredLiterals.of(regex)).anyMatch(text::contains);
    }
}
