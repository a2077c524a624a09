package io.penguinmails.ingest.service.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The reason phrases' word look-up ({@link Phrase}) must never change an answer: on every line and every whole text of
 * the project's mail samples and the shared corpus (when {@code corpus.dir} names it), each reason is said exactly
 * when the plain alternation of its phrases finds a match.
 */
class ReasonPhrasesTest {

    @Test
    void theWordLookUpAnswersAsThePlainRegexOnRealText() {
        List<String> texts = texts();
        assertThat(texts).hasSizeGreaterThan(1000);
        int said = 0;
        for (String reason : ReasonPhrases.reasons()) {
            Pattern plain = Pattern.compile(String.join("|", ReasonPhrases.phrases(reason)));
            for (String text : texts) {
                boolean expected = plain.matcher(text).find();
                assertThat(ReasonPhrases.says(reason, text))
                        .as("%s in: %s", reason, text)
                        .isEqualTo(expected);
                said += expected ? 1 : 0;
            }
        }
        assertThat(said).as("texts that say some reason").isGreaterThan(100);
    }

    @Test
    void saysTheReasonOfAPreparedDiagnostic() {
        String prepared =
                ReasonPhrases.prepare("550 5.2.2 <Full@Example.org>: Mailbox is FULL, see https://help.example/x");

        assertThat(prepared).doesNotContain("full@example.org").doesNotContain("https");
        assertThat(ReasonPhrases.says("mailboxfull", prepared)).isTrue();
        assertThat(ReasonPhrases.says("userunknown", prepared)).isFalse();
        assertThat(ReasonPhrases.saysAny(ReasonPhrases.prepare("Thanks, see you on Monday")))
                .isFalse();
    }

    /** Each file's text lower-cased, whole and line by line, as the classifier prepares its diagnostics. */
    private static List<String> texts() {
        List<Path> files = new ArrayList<>(files(samples()));
        String corpus = System.getProperty("corpus.dir", "");
        if (!corpus.isBlank()) {
            files.addAll(files(Path.of(corpus)));
        }
        List<String> texts = new ArrayList<>();
        for (Path file : files) {
            String text = ReasonPhrases.prepare(read(file));
            texts.add(text);
            texts.addAll(List.of(text.split("\n")));
        }
        return texts;
    }

    private static Path samples() {
        try {
            return Path.of(ReasonPhrasesTest.class.getResource("/mail").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Path> files(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(f -> f.toString().endsWith(".eml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
