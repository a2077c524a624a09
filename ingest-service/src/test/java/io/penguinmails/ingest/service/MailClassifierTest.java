package io.penguinmails.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.penguinmails.contracts.MailEvent;
import io.penguinmails.ingest.Classification;
import io.penguinmails.ingest.TestMail;
import org.junit.jupiter.api.Test;

class MailClassifierTest {

    private final MessageParser parser = new MessageParser();
    private final MailClassifier classifier = new MailClassifier();

    @Test
    void postfixDsnIsAHardUserUnknownBounceWithTheOriginalMessageId() {
        Classification c = classify("postfix-dsn-userunknown.eml");
        assertThat(c.messageType()).isEqualTo("bounce");
        assertThat(c.bounce().originalMessageId()).isEqualTo("<pm.5e1d9c0b.step1@acme.example>");
        MailEvent.BounceRecipient r = c.bounce().recipients().get(0);
        assertThat(r.recipient()).isEqualTo("nobody@globex.example");
        assertThat(r.status()).isEqualTo("5.1.1");
        assertThat(r.replyCode()).isEqualTo("550");
        assertThat(r.reason()).isEqualTo("userunknown");
        assertThat(r.hard()).isTrue();
    }

    @Test
    void dsnStructureWinsOverItsAutoSubmittedHeader() {
        assertThat(classify("postfix-dsn-userunknown.eml").autoReply()).isNull();
    }

    @Test
    void exchangeAutomaticReplyIsAVacationAutoReply() {
        Classification c = classify("exchange-out-of-office.eml");
        assertThat(c.messageType()).isEqualTo("auto_reply");
        assertThat(c.autoReply().kind()).isEqualTo("vacation");
        assertThat(c.bounce()).isNull();
    }

    @Test
    void arfReportIsAComplaintAgainstTheOriginalRecipient() {
        Classification c = classify("arf-complaint.eml");
        assertThat(c.messageType()).isEqualTo("complaint");
        assertThat(c.bounce().feedbackType()).isEqualTo("abuse");
        assertThat(c.bounce().originalMessageId()).isEqualTo("<pm.3c4d5e6f.step2@acme.example>");
        assertThat(c.bounce().recipients()).singleElement().satisfies(r -> {
            assertThat(r.recipient()).isEqualTo("pat.doe@bigmail.example");
            assertThat(r.reason()).isEqualTo("feedback");
        });
    }

    @Test
    void aPersonalReplyIsAnEmail() {
        Classification c = classify("two-attachments.eml");
        assertThat(c.messageType()).isEqualTo("email");
        assertThat(c.bounce()).isNull();
        assertThat(c.autoReply()).isNull();
    }

    private Classification classify(String sample) {
        return classifier.classify(parser.parse(TestMail.bytes(sample)));
    }
}
