package io.penguinmails.ingest.service.classify;

import io.penguinmails.ingest.ParsedMessage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads complaints: RFC 5965 feedback reports, the older Hotmail/Outlook.com complaint mails that return the message
 * with its original recipient in {@code X-HmXmrOriginalRecipient}, and Apple Mail's unsubscribe requests.
 */
public final class ArfParser {

    private static final Pattern HOTMAIL_SUBJECT = Pattern.compile("(?i)complaint about message from");

    /** The complaint a message reports, if it is one. */
    public Optional<Complaint> parse(MessageTexts texts) {
        return feedbackReport(texts).or(() -> hotmailComplaint(texts)).or(() -> appleUnsubscribe(texts.message()));
    }

    private Optional<Complaint> feedbackReport(MessageTexts texts) {
        return texts.message().parts().stream()
                .filter(p -> ReportText.mimeType(p).equals("message/feedback-report"))
                .findFirst()
                .map(part -> HeaderFields.parse(ReportText.decodeUndeclared(part.content())))
                .map(fields -> feedback(fields, texts));
    }

    /** One complaint per Original-Rcpt-To (or opt-out Removal-Recipient), else the returned message's addressee. */
    private static Complaint feedback(HeaderFields fields, MessageTexts texts) {
        String type = Optional.ofNullable(fields.first("Feedback-Type")).orElse("abuse");
        List<String> recipients = addresses(fields.all("Original-Rcpt-To"));
        recipients.addAll(addresses(fields.all("Removal-Recipient")));
        return new Complaint(type.toLowerCase(Locale.ROOT), orReturnedTo(recipients, texts));
    }

    private Optional<Complaint> hotmailComplaint(MessageTexts texts) {
        ParsedMessage message = texts.message();
        if (message.subject() == null
                || !HOTMAIL_SUBJECT.matcher(message.subject()).find()) {
            return Optional.empty();
        }
        HeaderFields returned = ReturnedMessage.headers(texts);
        String recipient = SmtpText.address(returned.first("X-HmXmrOriginalRecipient"));
        if (recipient == null && !returned.has("message-id")) {
            return Optional.empty();
        }
        List<String> recipients = new ArrayList<>();
        if (recipient != null) {
            recipients.add(recipient);
        }
        return Optional.of(new Complaint("abuse", orReturnedTo(recipients, texts)));
    }

    /** Apple Mail's "unsubscribe" button mails the List-Unsubscribe address from the subscriber's own mailbox. */
    private Optional<Complaint> appleUnsubscribe(ParsedMessage message) {
        if (!"true".equalsIgnoreCase(trimmed(message.header("X-Apple-Unsubscribe")))) {
            return Optional.empty();
        }
        String subscriber =
                message.from() == null ? null : SmtpText.address(message.from().address());
        return Optional.of(new Complaint("opt-out", Collections.singletonList(subscriber)));
    }

    private static List<String> addresses(List<String> values) {
        List<String> addresses = new ArrayList<>();
        for (String value : values) {
            String address = SmtpText.address(value);
            if (address != null) {
                addresses.add(address);
            }
        }
        return addresses;
    }

    private static List<String> orReturnedTo(List<String> recipients, MessageTexts texts) {
        if (!recipients.isEmpty()) {
            return recipients;
        }
        return Collections.singletonList(
                SmtpText.address(ReturnedMessage.headers(texts).first("To")));
    }

    private static String trimmed(String value) {
        return value == null ? null : value.trim();
    }
}
