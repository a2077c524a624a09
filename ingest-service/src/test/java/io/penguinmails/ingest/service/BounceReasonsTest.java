package io.penguinmails.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.penguinmails.ingest.service.classify.DeliveryFailure;
import io.penguinmails.ingest.service.classify.SmtpCommand;
import org.junit.jupiter.api.Test;

/** The order in which a recipient's status code, wording and SMTP stage decide its reason, and the hard/soft rule. */
class BounceReasonsTest {

    @Test
    void userUnknownWordingAtRcptToOutweighsAMailboxDisabledStatus() {
        DeliveryFailure f = failure("5.2.1", "550 5.2.1 <a@example.org>... User Unknown", SmtpCommand.RCPT);
        assertThat(BounceReasons.reason(f)).isEqualTo("userunknown");
    }

    @Test
    void userUnknownWordingWithAMailboxDisabledStatusAndNoStageIsAFilter() {
        DeliveryFailure f = failure("5.2.1", "550 5.2.1 <a@example.org>... User Unknown", null);
        assertThat(BounceReasons.reason(f)).isEqualTo("filtered");
    }

    @Test
    void userUnknownAfterDataIsAContentFilter() {
        DeliveryFailure f = failure(null, "550 Recipient address rejected: User unknown", SmtpCommand.DATA);
        assertThat(BounceReasons.reason(f)).isEqualTo("filtered");
    }

    @Test
    void unambiguousWordingBeatsAGenericStatus() {
        DeliveryFailure f =
                failure("5.7.1", "554 5.7.1 Client host [192.0.2.5] blocked using zen.spamhaus.example", null);
        assertThat(BounceReasons.reason(f)).isEqualTo("blocked");
        assertThat(BounceReasons.isHard("blocked", BounceReasons.isTemporary(f)))
                .isFalse();
    }

    @Test
    void mailboxFullWordingBeatsAUserUnknownStatus() {
        DeliveryFailure f = failure("5.1.1", "552 sorry, mailbox a@example.org is over quota (#5.1.1)", null);
        assertThat(BounceReasons.reason(f)).isEqualTo("mailboxfull");
    }

    @Test
    void aRefusalAfterMailFromWithAGenericCodeIsAboutTheSender() {
        DeliveryFailure f = failure("4.7.0", "421 4.7.0 Messages temporarily deferred", SmtpCommand.MAIL);
        assertThat(BounceReasons.reason(f)).isEqualTo("rejected");
    }

    @Test
    void aDelayWithoutExplanationIsExpiredAndSoft() {
        DeliveryFailure f = new DeliveryFailure("a@example.org", "delayed", null, null, null, null, null, null);
        assertThat(BounceReasons.reason(f)).isEqualTo("expired");
        assertThat(BounceReasons.statusOrPseudo(f, "expired")).isEqualTo("5.0.947");
        assertThat(BounceReasons.isTemporary(f)).isTrue();
    }

    @Test
    void theDiagnosticOutweighsTheReportersBoilerplate() {
        DeliveryFailure f = new DeliveryFailure(
                "a@example.org",
                "failed",
                "5.7.1",
                "550",
                "550 5.7.1 Message content rejected, UBE",
                null,
                "Your message was blocked by our Spam & Virus Firewall",
                null);
        assertThat(BounceReasons.reason(f)).isEqualTo("spamdetected");
    }

    @Test
    void auAnswersUserUnknownForItsSubscribersFilters() {
        DeliveryFailure f = new DeliveryFailure(
                "someone@ezweb.ne.jp", "failed", null, "550", "550 : User unknown", SmtpCommand.DATA, null, null);
        assertThat(BounceReasons.reason(f)).isEqualTo("filtered");
    }

    @Test
    void onlyPermanentFailuresOfTheAddressItselfAreHard() {
        assertThat(BounceReasons.isHard("userunknown", false)).isTrue();
        assertThat(BounceReasons.isHard("hostunknown", false)).isTrue();
        assertThat(BounceReasons.isHard("userunknown", true)).isFalse();
        assertThat(BounceReasons.isHard("mailboxfull", false)).isFalse();
        assertThat(BounceReasons.isHard("suspend", false)).isFalse();
    }

    @Test
    void aStatedStatusIsKeptAndAMissingOneNamesTheReason() {
        DeliveryFailure stated = failure("5.1.1", "550 5.1.1 user unknown", SmtpCommand.RCPT);
        DeliveryFailure temporary =
                new DeliveryFailure("a@example.org", "failed", null, "450", "450 mailbox busy", null, null, null);
        assertThat(BounceReasons.statusOrPseudo(stated, "userunknown")).isEqualTo("5.1.1");
        assertThat(BounceReasons.statusOrPseudo(temporary, "mailboxfull")).isEqualTo("4.0.922");
    }

    private static DeliveryFailure failure(String status, String diagnostic, SmtpCommand command) {
        return new DeliveryFailure("a@example.org", "failed", status, "550", diagnostic, command, null, null);
    }
}
