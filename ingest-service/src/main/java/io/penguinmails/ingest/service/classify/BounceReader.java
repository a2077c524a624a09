package io.penguinmails.ingest.service.classify;

import io.penguinmails.ingest.ParsedMessage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the failed recipients of a bounce: from its RFC 3464 delivery-status fields, completed by what its text says
 * about each recipient, or, for systems that send no such fields, from its free text.
 */
public final class BounceReader {

    private final DsnParser dsn = new DsnParser();
    private final TextBounceParser freeText = new TextBounceParser();
    private final BounceDetector detector = new BounceDetector();

    /** The recipients of an RFC 3464 report, if the message is one. */
    public Optional<List<DeliveryFailure>> deliveryReport(MessageTexts texts) {
        List<String> statusTexts = deliveryStatusTexts(texts);
        if (statusTexts.isEmpty()) {
            return Optional.empty();
        }
        List<DeliveryFailure> failures = new ArrayList<>();
        statusTexts.forEach(text -> failures.addAll(dsn.parse(text)));
        // A report without recipient groups (Postfix writes such when it lost the details) still names them in text.
        return Optional.of(failures.isEmpty() ? freeTextFailures(texts) : explained(failures, texts.report()));
    }

    /** The recipients of a bounce without delivery-status fields, if the message is a bounce. */
    public Optional<List<DeliveryFailure>> freeText(MessageTexts texts) {
        if (!detector.isBounce(texts)) {
            return Optional.empty();
        }
        List<DeliveryFailure> failures = freeTextFailures(texts);
        if (detector.isDelayNotice(texts)) {
            failures = failures.stream().map(f -> f.withAction("delayed")).toList();
        }
        return Optional.of(failures);
    }

    private List<String> deliveryStatusTexts(MessageTexts texts) {
        List<String> statusTexts = new ArrayList<>();
        for (ParsedMessage.Part part : texts.message().parts()) {
            String type = ReportText.mimeType(part);
            if (type.equals("message/delivery-status") || type.equals("message/global-delivery-status")) {
                statusTexts.add(ReportText.decodeUndeclared(part.content()));
            }
        }
        if (statusTexts.isEmpty() && detector.isBounce(texts)) {
            // Some systems (Amazon WorkMail among them) write the delivery-status fields into the text part.
            texts.parts().stream().filter(dsn::hasFields).forEach(statusTexts::add);
        }
        return statusTexts;
    }

    private List<DeliveryFailure> explained(List<DeliveryFailure> failures, String report) {
        List<String> recipients = failures.stream()
                .map(DeliveryFailure::recipient)
                .filter(Objects::nonNull)
                .toList();
        RecipientBlocks blocks = freeText.blocks(report, recipients);
        return failures.stream()
                .map(f -> f.explainedBy(blocks.explanation(f.recipient())))
                .toList();
    }

    /** Recipients from the text, or else one recipient: the returned message's addressee, if it has one. */
    private List<DeliveryFailure> freeTextFailures(MessageTexts texts) {
        List<DeliveryFailure> failures = textFailures(texts.message(), texts.report());
        if (!failures.isEmpty()) {
            return failures.stream().map(KnownSystems::apply).toList();
        }
        String returnedTo = SmtpText.address(ReturnedMessage.headers(texts).first("To"));
        return List.of(DeliveryFailure.fromText(returnedTo, texts.report()));
    }

    /** X-Failed-Recipients (Exim, Gmail) names the recipients when present; the text explains each. */
    private List<DeliveryFailure> textFailures(ParsedMessage message, String report) {
        List<String> named = SmtpText.addresses(message.header("X-Failed-Recipients"));
        if (named.isEmpty()) {
            return freeText.parse(report, ownAddresses(message));
        }
        RecipientBlocks blocks = freeText.blocks(report, named);
        return named.stream()
                .map(r -> DeliveryFailure.fromText(r, blocks.explanation(r)))
                .toList();
    }

    /** The bounce's own sender and addressees, which its text mentions but which are not failed recipients. */
    private static Set<String> ownAddresses(ParsedMessage message) {
        Set<String> own = new HashSet<>();
        for (String name : List.of("From", "To", "Cc", "Reply-To", "Return-Path", "Sender", "Delivered-To")) {
            own.addAll(SmtpText.addresses(message.header(name)));
        }
        return own;
    }
}
