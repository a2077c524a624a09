package io.penguinmails.ingest.service.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads RFC 3464 delivery-status fields: one group of fields per recipient (Final-Recipient or Original-Recipient,
 * Action, Status, Diagnostic-Code, Remote-MTA). Groups are separated by blank lines; a group that lacks the blank
 * line before it still starts at its Final-Recipient field.
 */
public final class DsnParser {

    private static final Pattern FINAL_RECIPIENT = Pattern.compile("(?i)^final-recipient\\s*:.*");
    private static final Pattern DSN_FIELD =
            Pattern.compile("(?im)^(?:final-recipient|original-recipient)\\s*:\\s*\\S+.*$");

    /** Whether a text carries delivery-status fields (some systems put them in a text part). */
    public boolean hasFields(String text) {
        return DSN_FIELD.matcher(text).find() && text.toLowerCase(Locale.ROOT).contains("status:");
    }

    /** The per-recipient facts of a delivery-status text, in report order. */
    public List<DeliveryFailure> parse(String deliveryStatus) {
        List<DeliveryFailure> failures = new ArrayList<>();
        for (String group : groups(deliveryStatus.replace("\r\n", "\n"))) {
            HeaderFields fields = HeaderFields.parse(group);
            if (fields.has("final-recipient") || fields.has("original-recipient")) {
                failures.add(failure(fields));
            }
        }
        return failures;
    }

    private static List<String> groups(String text) {
        List<String> groups = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean hasFinal = false;
        for (String line : text.split("\n")) {
            boolean startsFinal = FINAL_RECIPIENT.matcher(line).matches();
            if (line.isBlank() || (startsFinal && hasFinal)) {
                groups.add(current.toString());
                current.setLength(0);
                hasFinal = false;
            }
            hasFinal |= startsFinal;
            current.append(line).append('\n');
        }
        groups.add(current.toString());
        return groups;
    }

    private static DeliveryFailure failure(HeaderFields fields) {
        String diagnostic = SmtpText.collapse(HeaderFields.untyped(fields.first("Diagnostic-Code")));
        String status = SmtpText.preferredStatus(SmtpText.status(fields.first("Status")), SmtpText.status(diagnostic));
        return new DeliveryFailure(
                recipient(fields),
                action(fields.first("Action"), status),
                status,
                SmtpText.replyCode(diagnostic),
                diagnostic,
                SmtpCommand.find(diagnostic),
                null,
                null);
    }

    /** The action, lower-case; a 2.x.x status means delivered whatever a nonstandard action says. */
    private static String action(String field, String status) {
        String action =
                field == null ? "failed" : field.toLowerCase(Locale.ROOT).split("[\\s(]")[0];
        boolean success = status != null && status.startsWith("2.");
        return success && !action.equals("relayed") && !action.equals("expanded") ? "delivered" : action;
    }

    private static String recipient(HeaderFields fields) {
        for (String name : List.of("Final-Recipient", "Original-Recipient", "X-Actual-Recipient")) {
            String address = SmtpText.address(HeaderFields.untyped(fields.first(name)));
            if (address != null) {
                return address;
            }
        }
        return null;
    }
}
