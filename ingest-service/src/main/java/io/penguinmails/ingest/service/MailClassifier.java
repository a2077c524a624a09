package io.penguinmails.ingest.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.penguinmails.contracts.MailEvent;
import io.penguinmails.ingest.Classification;
import io.penguinmails.ingest.ParsedMessage;
import io.penguinmails.ingest.service.classify.ArfParser;
import io.penguinmails.ingest.service.classify.AutoReplyDetector;
import io.penguinmails.ingest.service.classify.BounceReader;
import io.penguinmails.ingest.service.classify.Complaint;
import io.penguinmails.ingest.service.classify.DeliveryFailure;
import io.penguinmails.ingest.service.classify.MessageTexts;
import io.penguinmails.ingest.service.classify.ReturnedMessage;
import io.penguinmails.ingest.service.classify.SesNotificationParser;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether a message is a normal email, a bounce, a complaint or an auto-reply: by structure first (feedback
 * reports, delivery-status reports, provider notifications), then by how mail systems word their bounces, then by
 * RFC 3834 and responder headers, last by subject. The rules are written down in {@code docs/classification.md}.
 */
@ApplicationScoped
public class MailClassifier {

    private final ArfParser feedback = new ArfParser();
    private final SesNotificationParser ses = new SesNotificationParser();
    private final BounceReader bounces = new BounceReader();
    private final AutoReplyDetector autoReplies = new AutoReplyDetector();

    /** Classifies a parsed message. */
    public Classification classify(ParsedMessage message) {
        JsonNode notification = ses.notification(message);
        MessageTexts texts = new MessageTexts(message);
        return feedback.parse(texts)
                .or(() -> ses.complaint(notification))
                .map(complaint -> complaint(texts, complaint))
                .or(() -> bounces.deliveryReport(texts).map(f -> bounce(originalMessageId(texts), f)))
                .or(() -> ses.failures(notification).map(f -> bounce(ses.messageId(notification), f)))
                .or(() -> bounces.freeText(texts).map(f -> bounce(originalMessageId(texts), f)))
                .or(() -> autoReplies.detect(message).map(reply -> new Classification("auto_reply", null, reply)))
                .orElseGet(Classification::email);
    }

    private static Classification complaint(MessageTexts texts, Complaint complaint) {
        List<MailEvent.BounceRecipient> recipients = complaint.recipients().stream()
                .filter(MailClassifier::hasAddress)
                .map(r -> new MailEvent.BounceRecipient(r, null, null, "feedback", false, null))
                .toList();
        return new Classification(
                "complaint",
                new MailEvent.Bounce(originalMessageId(texts), complaint.feedbackType(), recipients),
                null);
    }

    /**
     * Relayed and expanded recipients are neither failures nor deliveries, so they are left out; so are entries of a
     * damaged report that name no recipient, since nothing downstream could act on them.
     */
    private static Classification bounce(String originalMessageId, List<DeliveryFailure> failures) {
        List<MailEvent.BounceRecipient> recipients = failures.stream()
                .filter(f -> !"relayed".equals(f.action()) && !"expanded".equals(f.action()))
                .filter(f -> hasAddress(f.recipient()))
                .map(MailClassifier::recipient)
                .toList();
        return new Classification("bounce", new MailEvent.Bounce(originalMessageId, null, recipients), null);
    }

    private static MailEvent.BounceRecipient recipient(DeliveryFailure failure) {
        String reason = BounceReasons.reason(failure);
        return new MailEvent.BounceRecipient(
                failure.recipient(),
                BounceReasons.statusOrPseudo(failure, reason),
                failure.replyCode(),
                reason,
                BounceReasons.isHard(reason, BounceReasons.isTemporary(failure)),
                failure.diagnostic());
    }

    private static boolean hasAddress(String recipient) {
        return recipient != null && !recipient.isBlank();
    }

    /** The returned message's Message-ID; reports that return none often still answer it (In-Reply-To). */
    private static String originalMessageId(MessageTexts texts) {
        return Optional.ofNullable(ReturnedMessage.messageId(texts))
                .orElse(texts.message().inReplyTo());
    }
}
