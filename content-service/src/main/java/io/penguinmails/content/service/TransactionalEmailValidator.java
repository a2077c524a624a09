package io.penguinmails.content.service;

import io.penguinmails.content.TransactionalEmailRequest;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The rules a transactional email request must meet before it is queued. Header values must not contain line breaks:
 * a CR or LF in a subject or address would let a caller add headers of their own.
 */
final class TransactionalEmailValidator {

    /** Recipients (to and cc together) one email may have. */
    static final int MAX_RECIPIENTS = 50;
    /** Longest subject: RFC 5322's line limit. */
    static final int MAX_SUBJECT = 998;
    /** Longest text or html body, in characters. */
    static final int MAX_BODY = 1_000_000;
    /** Longest idempotency key. */
    static final int MAX_KEY = 200;

    private static final Pattern ADDRESS =
            Pattern.compile("[^@\\s<>(),;:\"\\[\\]\\\\]{1,64}@[^@\\s<>(),;:\"\\[\\]\\\\]{1,253}");
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1," + MAX_KEY + "}");

    private TransactionalEmailValidator() {}

    /**
     * Checks a request.
     *
     * @throws InvalidRequestException naming the first rule it breaks
     */
    static void validate(TransactionalEmailRequest request) {
        List<String> to = request.to() == null ? List.of() : request.to();
        List<String> cc = request.cc() == null ? List.of() : request.cc();
        require(!to.isEmpty(), "to must name at least one address");
        require(to.size() + cc.size() <= MAX_RECIPIENTS, "to and cc may name at most " + MAX_RECIPIENTS + " addresses");
        to.forEach(address -> requireAddress(address, "to"));
        cc.forEach(address -> requireAddress(address, "cc"));
        if (request.replyTo() != null) {
            requireAddress(request.replyTo(), "reply_to");
        }
        requireSubject(request.subject());
        requireBodies(request.text(), request.html());
        if (request.idempotencyKey() != null) {
            require(
                    KEY.matcher(request.idempotencyKey()).matches(),
                    "idempotency_key must be 1 to " + MAX_KEY + " printable ASCII characters without spaces");
        }
    }

    private static void requireAddress(String address, String field) {
        require(address != null && ADDRESS.matcher(address).matches(), field + " has an invalid address: " + address);
    }

    private static void requireSubject(String subject) {
        require(subject != null && !subject.isBlank(), "subject is required");
        require(subject.length() <= MAX_SUBJECT, "subject may have at most " + MAX_SUBJECT + " characters");
        require(subject.indexOf('\r') < 0 && subject.indexOf('\n') < 0, "subject must be one line");
    }

    private static void requireBodies(String text, String html) {
        require(hasText(text) || hasText(html), "text or html is required");
        require(text == null || text.length() <= MAX_BODY, "text may have at most " + MAX_BODY + " characters");
        require(html == null || html.length() <= MAX_BODY, "html may have at most " + MAX_BODY + " characters");
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new InvalidRequestException(message);
        }
    }
}
