package io.penguinmails.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.penguinmails.contracts.MailEvent;
import io.penguinmails.ingest.Classification;
import io.penguinmails.ingest.ParsedMessage;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Measures the classifier on the shared corpus of real bounces, feedback reports and auto-replies (read in place from
 * the {@code corpus.dir} system property, never copied): per recipient, the reason, status and hard/soft verdict
 * against {@code bounces/expected.json}; per file, the message type. Prints the table by reason and fails the build
 * when accuracy falls below what the classifier reaches today, minus a small margin.
 */
class CorpusClassificationTest {

    private static final double MIN_REASON = 0.91;
    private static final double MIN_STATUS = 0.90;
    private static final double MIN_HARD = 0.93;
    private static final double MIN_TYPE = 0.97;

    /** CPU time, not wall time: the build machines are shared, and only the classifier's own work is of interest. */
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private final MessageParser parser = new MessageParser();
    private final MailClassifier classifier = new MailClassifier();

    @Test
    void classifiesTheRealBouncesAtLeastAsWellAsMeasured() throws IOException {
        Path bounces = corpus().resolve("bounces");
        JsonNode expected =
                new ObjectMapper().readTree(bounces.resolve("expected.json").toFile());
        Tally tally = new Tally();
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> file = it.next();
            byte[] raw = Files.readAllBytes(bounces.resolve("eml").resolve(file.getKey() + ".eml"));
            ParsedMessage parsed = parser.parse(raw);
            long start = CPU.getCurrentThreadCpuTime();
            Classification classification = classifier.classify(parsed);
            tally.time(CPU.getCurrentThreadCpuTime() - start);
            tally.add(file.getValue(), classification);
        }
        System.out.println(tally.table());
        assertThat(tally.files).as("corpus files").isGreaterThan(200);
        assertThat(tally.reason.rate()).as("reason accuracy").isGreaterThanOrEqualTo(MIN_REASON);
        assertThat(tally.status.rate()).as("status accuracy").isGreaterThanOrEqualTo(MIN_STATUS);
        assertThat(tally.hard.rate()).as("hard/soft accuracy").isGreaterThanOrEqualTo(MIN_HARD);
        assertThat(tally.type.rate()).as("message type accuracy").isGreaterThanOrEqualTo(MIN_TYPE);
    }

    /** The corpus folder; a missing one fails the build unless {@code corpus.optional=true} allows skipping. */
    private static Path corpus() {
        String dir = System.getProperty("corpus.dir");
        Path path = dir == null ? null : Path.of(dir);
        if (path == null || !Files.isDirectory(path.resolve("bounces"))) {
            assumeFalse(Boolean.getBoolean("corpus.optional"), "corpus not found and corpus.optional=true");
            fail("corpus not found: set -Dcorpus.dir to the shared corpus folder (was " + dir + ")");
        }
        return path;
    }

    /** One recipient as compared: reason, status and reply code ("" when none), hard. */
    private record Row(String reason, String status, String replyCode, boolean hard) {

        static Row of(JsonNode expected) {
            return new Row(
                    expected.path("reason").asText(),
                    expected.path("status").asText(),
                    expected.path("reply_code").asText(),
                    expected.path("hard").asBoolean());
        }

        static Row of(MailEvent.BounceRecipient r) {
            return new Row(r.reason(), nonNull(r.status()), nonNull(r.replyCode()), r.hard());
        }

        private static String nonNull(String value) {
            return value == null ? "" : value;
        }
    }

    /** The rows a classification yields: a bounce's or complaint's recipients, or one "vacation" row. */
    private static List<Row> rows(Classification classification) {
        List<Row> rows = new ArrayList<>();
        if (classification.autoReply() != null) {
            rows.add(new Row("vacation", "", "", false));
        } else if (classification.bounce() != null) {
            classification.bounce().recipients().forEach(r -> rows.add(Row.of(r)));
        }
        return rows;
    }

    /** The message type a file's expectation implies. */
    private static String expectedType(JsonNode recipients) {
        String first = recipients.path(0).path("reason").asText();
        return switch (first) {
            case "feedback" -> "complaint";
            case "vacation" -> "auto_reply";
            default -> "bounce";
        };
    }

    /** Hits over trials. */
    private static final class Rate {
        int hits;
        int trials;

        void count(boolean hit) {
            trials++;
            hits += hit ? 1 : 0;
        }

        double rate() {
            return trials == 0 ? 1.0 : (double) hits / trials;
        }

        @Override
        public String toString() {
            return String.format("%5.1f%% (%d/%d)", 100.0 * rate(), hits, trials);
        }
    }

    /** The counts behind the printed table and the asserted minimums. */
    private static final class Tally {
        final Rate reason = new Rate();
        final Rate status = new Rate();
        final Rate hard = new Rate();
        final Rate type = new Rate();
        final Map<String, Rate> byReason = new TreeMap<>();
        int files;
        long totalNanos;
        long maxNanos;

        void time(long nanos) {
            totalNanos += nanos;
            maxNanos = Math.max(maxNanos, nanos);
        }

        void add(JsonNode expected, Classification classification) {
            files++;
            type.count(expectedType(expected).equals(classification.messageType()));
            List<Row> actual = rows(classification);
            for (int i = 0; i < expected.size(); i++) {
                Row want = Row.of(expected.get(i));
                Row got = i < actual.size() ? actual.get(i) : new Row("(none)", "", "", false);
                reason.count(want.reason().equals(got.reason()));
                status.count(want.status().equals(got.status()));
                hard.count(want.hard() == got.hard());
                byReason.computeIfAbsent(want.reason(), k -> new Rate())
                        .count(want.reason().equals(got.reason()));
            }
        }

        String table() {
            StringBuilder out = new StringBuilder("\nClassification of the bounce corpus (" + files + " files)\n");
            out.append(String.format("%-16s %s%n", "reason", "recipients classified with this reason"));
            byReason.forEach((name, rate) -> out.append(String.format("%-16s %s%n", name, rate)));
            out.append(String.format("%-16s %s%n", "ALL reasons", reason));
            out.append(String.format("%-16s %s%n", "status", status));
            out.append(String.format("%-16s %s%n", "hard/soft", hard));
            out.append(String.format("%-16s %s%n", "message type", type));
            out.append(String.format(
                    "classify CPU     %.2f ms per message on average, %.1f ms at most (parsing excluded, one cold pass)%n",
                    totalNanos / 1e6 / files, maxNanos / 1e6));
            return out.toString();
        }
    }
}
