package io.penguinmails.ingest.service;

import io.penguinmails.contracts.MailEvent;
import io.penguinmails.ingest.Classification;
import io.penguinmails.ingest.ParsedMessage;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.james.mime4j.dom.Header;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.stream.Field;

/**
 * Decides whether a message is a normal email, a bounce, a complaint or an auto-reply: by structure first
 * (ARF and RFC 3464 report parts, RFC 3834 headers), by heuristics last (senders, subjects, body text). The rules
 * are written down in {@code docs/classification.md}.
 */
@ApplicationScoped
public class MailClassifier {

    private static final Pattern STATUS = Pattern.compile("\\b([245])\\.(\\d{1,3})\\.(\\d{1,3})\\b");
    private static final Pattern REPLY_CODE = Pattern.compile("(?<![\\d.])([45]\\d\\d)(?![\\d.])");
    private static final Pattern ADDRESS = Pattern.compile("<?([A-Za-z0-9._%+'=-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,})>?");
    private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^message-id:\\s*(<[^>]+>)");
    private static final Pattern BOUNCE_SENDER =
            Pattern.compile("(?i)^(mailer-daemon|postmaster|mail-daemon|mdaemon|mailerdaemon)@");
    private static final Pattern BOUNCE_SUBJECT = Pattern.compile(
            "(?i)(undeliver|undelivered|delivery (status notification|failure|has failed|problem)|returned mail|"
                    + "failure notice|mail delivery (failed|failure|system)|non[- ]?delivery|could not be delivered|"
                    + "rejected:|delivery notification)");
    private static final Pattern VACATION_SUBJECT = Pattern.compile(
            "(?i)(out of (the )?office|automatic reply|auto(matic)?[- ]?reply|autoreply|auto:|vacation|on leave|"
                    + "abwesenheit|réponse automatique|absence|respuesta automática|fuera de la oficina|"
                    + "risposta automatica|fuori sede|automatisch antwoord|afwezig|不在|自动回复|自動応答)");

    /** Classifies a parsed message. */
    public Classification classify(ParsedMessage message) {
        return complaint(message)
                .or(() -> deliveryReport(message))
                .or(() -> autoReplyByHeaders(message))
                .or(() -> nonStandardBounce(message))
                .or(() -> autoReplyBySubject(message))
                .orElse(Classification.email());
    }

    private Optional<Classification> complaint(ParsedMessage message) {
        return part(message, "message/feedback-report").map(report -> {
            Header fields = fields(report.content());
            String recipient = first(fields, "Original-Rcpt-To", "Removal-Recipient");
            String feedbackType = Optional.ofNullable(first(fields, "Feedback-Type"))
                    .orElse("abuse")
                    .toLowerCase(Locale.ROOT);
            var who = new MailEvent.BounceRecipient(address(recipient), null, null, "feedback", true, null);
            return new Classification(
                    "complaint",
                    new MailEvent.Bounce(
                            originalMessageId(message), feedbackType, recipient == null ? List.of() : List.of(who)),
                    null);
        });
    }

    private Optional<Classification> deliveryReport(ParsedMessage message) {
        return part(message, "message/delivery-status")
                .or(() -> part(message, "message/global-delivery-status"))
                .map(report -> {
                    List<MailEvent.BounceRecipient> recipients = recipientsOf(report.content());
                    return new Classification(
                            "bounce", new MailEvent.Bounce(originalMessageId(message), null, recipients), null);
                });
    }

    private List<MailEvent.BounceRecipient> recipientsOf(byte[] deliveryStatus) {
        List<MailEvent.BounceRecipient> recipients = new ArrayList<>();
        String[] groups = new String(deliveryStatus, StandardCharsets.UTF_8)
                .replace("\r\n", "\n")
                .split("\n\\s*\n");
        for (int i = 1; i < groups.length; i++) {
            Header fields = fields(groups[i].getBytes(StandardCharsets.UTF_8));
            String recipient = first(fields, "Final-Recipient", "Original-Recipient");
            String action = Optional.ofNullable(first(fields, "Action"))
                    .orElse("failed")
                    .toLowerCase(Locale.ROOT)
                    .trim();
            if (recipient != null && !action.equals("relayed") && !action.equals("expanded")) {
                recipients.add(recipient(recipient, action, first(fields, "Status"), first(fields, "Diagnostic-Code")));
            }
        }
        return recipients;
    }

    private MailEvent.BounceRecipient recipient(
            String recipient, String action, String statusField, String diagnostic) {
        String status = statusField == null ? null : statusOf(statusField);
        String replyCode = diagnostic == null ? null : firstMatch(REPLY_CODE, diagnostic);
        if (action.equals("delivered")) {
            return new MailEvent.BounceRecipient(address(recipient), status, replyCode, "delivered", false, diagnostic);
        }
        String reason = BounceReasons.reason(status, diagnostic);
        return new MailEvent.BounceRecipient(
                address(recipient), status, replyCode, reason, BounceReasons.isHard(status, reason), diagnostic);
    }

    private Optional<Classification> autoReplyByHeaders(ParsedMessage message) {
        String autoSubmitted = lower(message.header("Auto-Submitted"));
        boolean vacationHeader = message.header("X-Autoreply") != null
                || message.header("X-Autorespond") != null
                || "auto_reply".equals(lower(message.header("Precedence")))
                || message.header("X-Apple-Action") != null
                || message.header("X-Vacation") != null
                || (autoSubmitted != null && autoSubmitted.startsWith("auto-replied"));
        boolean generated = autoSubmitted != null && !autoSubmitted.startsWith("no");
        if (!vacationHeader && !generated) {
            return Optional.empty();
        }
        boolean vacation = vacationHeader || isVacationSubject(message.subject());
        return Optional.of(new Classification(
                "auto_reply", null, new MailEvent.AutoReply(vacation ? "vacation" : "auto_generated", null)));
    }

    private Optional<Classification> nonStandardBounce(ParsedMessage message) {
        String from = message.from() == null ? "" : message.from().address();
        boolean bounceSender = from != null && BOUNCE_SENDER.matcher(from).find();
        boolean bounceSubject = message.subject() != null
                && BOUNCE_SUBJECT.matcher(message.subject()).find();
        if (!(bounceSender && (bounceSubject || message.header("X-Failed-Recipients") != null))) {
            return Optional.empty();
        }
        String body = Optional.ofNullable(message.text()).orElse("");
        String failed =
                Optional.ofNullable(message.header("X-Failed-Recipients")).orElseGet(() -> firstAddressNear(body));
        String status = Optional.ofNullable(firstMatch(STATUS, body))
                .map(MailClassifier::statusOf)
                .orElse(null);
        String reason = BounceReasons.reason(status, body);
        var who = new MailEvent.BounceRecipient(
                address(failed),
                status,
                firstMatch(REPLY_CODE, body),
                reason,
                BounceReasons.isHard(status == null ? "5.0.0" : status, reason),
                null);
        return Optional.of(new Classification(
                "bounce",
                new MailEvent.Bounce(originalMessageId(message), null, failed == null ? List.of() : List.of(who)),
                null));
    }

    private Optional<Classification> autoReplyBySubject(ParsedMessage message) {
        if (!isVacationSubject(message.subject())) {
            return Optional.empty();
        }
        return Optional.of(new Classification("auto_reply", null, new MailEvent.AutoReply("vacation", null)));
    }

    private static boolean isVacationSubject(String subject) {
        return subject != null && VACATION_SUBJECT.matcher(subject).find();
    }

    private static Optional<ParsedMessage.Part> part(ParsedMessage message, String mimeType) {
        return message.parts().stream()
                .filter(p -> p.mimeType().equals(mimeType))
                .findFirst();
    }

    private static String originalMessageId(ParsedMessage message) {
        for (ParsedMessage.Part part : message.parts()) {
            if (part.mimeType().equals("message/rfc822") || part.mimeType().equals("text/rfc822-headers")) {
                String id = firstGroup(MESSAGE_ID, new String(part.content(), StandardCharsets.UTF_8));
                if (id != null) {
                    return id;
                }
            }
        }
        return message.text() == null ? null : firstGroup(MESSAGE_ID, message.text());
    }

    private static Header fields(byte[] block) {
        try {
            return new DefaultMessageBuilder().parseHeader(new ByteArrayInputStream(block));
        } catch (IOException | RuntimeException e) {
            return new org.apache.james.mime4j.message.HeaderImpl();
        }
    }

    private static String first(Header header, String... names) {
        for (String name : names) {
            Field field = header.getField(name);
            if (field != null && field.getBody() != null && !field.getBody().isBlank()) {
                return field.getBody().replaceAll("\\s+", " ").trim();
            }
        }
        return null;
    }

    /** The address of a typed DSN field such as {@code rfc822; someone@example.org}. */
    private static String address(String value) {
        if (value == null) {
            return null;
        }
        String withoutType = value.contains(";") ? value.substring(value.indexOf(';') + 1) : value;
        String found = firstGroup(ADDRESS, withoutType);
        return (found == null ? withoutType.trim() : found).toLowerCase(Locale.ROOT);
    }

    private static String firstAddressNear(String body) {
        return firstGroup(ADDRESS, body);
    }

    private static String statusOf(String text) {
        Matcher m = STATUS.matcher(text);
        return m.find() ? m.group(1) + "." + m.group(2) + "." + m.group(3) : null;
    }

    private static String firstMatch(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? m.group(0).trim() : null;
    }

    private static String firstGroup(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? m.group(1) : null;
    }

    private static String lower(String value) {
        return value == null ? null : value.trim().toLowerCase(Locale.ROOT);
    }
}
