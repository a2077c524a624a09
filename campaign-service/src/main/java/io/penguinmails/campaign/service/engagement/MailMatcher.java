package io.penguinmails.campaign.service.engagement;

import io.penguinmails.campaign.SentMessage;
import io.penguinmails.campaign.repository.MessageMatchRepository;
import io.penguinmails.contracts.MailEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Finds the campaign email an inbound message answers or returns: first through the Message-IDs this service generated
 * (In-Reply-To and References of a reply, the original Message-ID of a bounce), then through the lead's address and
 * the mailbox the message arrived in.
 */
@ApplicationScoped
public class MailMatcher {

    private final MessageMatchRepository messages;

    MailMatcher(MessageMatchRepository messages) {
        this.messages = messages;
    }

    /** The email a reply or auto-reply answers. */
    public Optional<SentMessage> forReply(UUID tenantId, MailEvent event) {
        List<String> ids = new ArrayList<>();
        if (event.inReplyTo() != null) {
            ids.add(event.inReplyTo());
        }
        if (event.references() != null) {
            ids.addAll(event.references());
        }
        Optional<SentMessage> byHeaders = messages.byMessageIds(tenantId, candidates(ids));
        if (byHeaders.isPresent() || event.from() == null || event.from().address() == null) {
            return byHeaders;
        }
        return messages.latestToLead(tenantId, lower(event.from().address()), mailbox(event));
    }

    /** The email a bounce or complaint report says it returns, by its original Message-ID. */
    public Optional<SentMessage> original(UUID tenantId, MailEvent event) {
        if (event.bounce() == null || event.bounce().originalMessageId() == null) {
            return Optional.empty();
        }
        return messages.byMessageIds(tenantId, candidates(List.of(event.bounce().originalMessageId())));
    }

    /**
     * The email to one failed recipient of a report: the original message when it went to that address (or the
     * report names a single recipient), else the latest campaign email to that address from the receiving mailbox.
     */
    public Optional<SentMessage> forRecipient(
            UUID tenantId, MailEvent event, Optional<SentMessage> original, String recipient, int recipientCount) {
        String address = lower(recipient);
        if (original.isPresent() && (original.get().leadEmail().equals(address) || recipientCount == 1)) {
            return original;
        }
        return messages.latestToLead(tenantId, address, mailbox(event));
    }

    /** Each Message-ID with and without its angle brackets, however the sender or the store wrote it. */
    static Set<String> candidates(List<String> ids) {
        Set<String> out = new LinkedHashSet<>();
        for (String id : ids) {
            String bare = id == null ? "" : id.strip().replaceAll("^<|>$", "");
            if (!bare.isEmpty()) {
                out.add(bare);
                out.add("<" + bare + ">");
            }
        }
        return out;
    }

    /** The mailbox the message arrived in, when ingest named one of this service's email accounts. */
    private static UUID mailbox(MailEvent event) {
        try {
            return event.emailAccountId() == null ? null : UUID.fromString(event.emailAccountId());
        } catch (IllegalArgumentException notOurs) {
            return null;
        }
    }

    static String lower(String address) {
        return address == null ? "" : address.strip().toLowerCase(Locale.ROOT);
    }
}
