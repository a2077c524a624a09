package io.penguinmails.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.penguinmails.contracts.MailEvent;
import io.penguinmails.ingest.Classification;
import io.penguinmails.ingest.TestMail;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The project's own samples in the shapes of real mail systems ({@code src/test/resources/mail/bounces}), each
 * checked against its entry in the folder's {@code expected.json}: message type, Message-ID of the returned message,
 * feedback type, and per recipient the address, status, reply code, reason and hard/soft verdict; for auto-replies
 * the kind and return date.
 */
class BounceSamplesClassificationTest {

    private static final String FOLDER = "mail/bounces/";

    private final MessageParser parser = new MessageParser();
    private final MailClassifier classifier = new MailClassifier();

    static Stream<Arguments> samples() throws IOException {
        List<Arguments> samples = new ArrayList<>();
        expectations().fields().forEachRemaining(e -> samples.add(Arguments.of(e.getKey(), e.getValue())));
        return samples.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void classifiesTheSampleAsExpected(String sample, JsonNode expected) {
        Classification c = classifier.classify(parser.parse(TestMail.bytes("bounces/" + sample)));

        assertThat(c.messageType())
                .as("message type")
                .isEqualTo(expected.path("type").asText());
        if (expected.has("recipients")) {
            assertReport(c.bounce(), expected);
        } else {
            assertThat(c.bounce()).isNull();
        }
        if (expected.has("auto_reply")) {
            JsonNode reply = expected.path("auto_reply");
            assertThat(c.autoReply().kind())
                    .as("kind")
                    .isEqualTo(reply.path("kind").asText());
            assertThat(c.autoReply().returnDate()).as("return date").isEqualTo(text(reply.path("return_date")));
        } else {
            assertThat(c.autoReply()).isNull();
        }
    }

    @Test
    void everySampleHasAnExpectation() throws IOException, URISyntaxException {
        Path folder = Path.of(getClass().getClassLoader().getResource(FOLDER).toURI());
        try (Stream<Path> files = Files.list(folder)) {
            List<String> samples = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".eml"))
                    .toList();
            assertThat(samples).hasSizeGreaterThanOrEqualTo(25);
            assertThat(samples).allMatch(expectations()::has);
        }
    }

    private static void assertReport(MailEvent.Bounce bounce, JsonNode expected) {
        assertThat(bounce).isNotNull();
        if (expected.has("original_message_id")) {
            assertThat(bounce.originalMessageId())
                    .isEqualTo(expected.path("original_message_id").asText());
        }
        if (expected.has("feedback_type")) {
            assertThat(bounce.feedbackType())
                    .isEqualTo(expected.path("feedback_type").asText());
        }
        List<Map<String, Object>> actual = bounce.recipients().stream()
                .map(BounceSamplesClassificationTest::row)
                .toList();
        List<Map<String, Object>> wanted = new ArrayList<>();
        expected.path("recipients").forEach(r -> wanted.add(row(r)));
        assertThat(actual).as("recipients").isEqualTo(wanted);
    }

    private static Map<String, Object> row(MailEvent.BounceRecipient r) {
        return row(r.recipient(), r.status(), r.replyCode(), r.reason(), r.hard());
    }

    private static Map<String, Object> row(JsonNode r) {
        return row(
                text(r.path("recipient")),
                text(r.path("status")),
                text(r.path("reply_code")),
                text(r.path("reason")),
                r.path("hard").asBoolean());
    }

    /** One recipient as compared; a map so that a failure shows every field with its name. */
    private static Map<String, Object> row(String recipient, String status, String reply, String reason, boolean hard) {
        Map<String, Object> row = new java.util.LinkedHashMap<>();
        row.put("recipient", recipient);
        row.put("status", status);
        row.put("reply_code", reply);
        row.put("reason", reason);
        row.put("hard", hard);
        return row;
    }

    private static String text(JsonNode node) {
        return node.isNull() || node.isMissingNode() ? null : node.asText();
    }

    private static JsonNode expectations() throws IOException {
        try (InputStream in =
                BounceSamplesClassificationTest.class.getClassLoader().getResourceAsStream(FOLDER + "expected.json")) {
            return new ObjectMapper().readTree(in);
        }
    }
}
