package io.penguinmails.ingest.service.imap;

import io.penguinmails.ingest.config.ImapConfig;
import io.penguinmails.ingest.config.IngestConfig;
import io.penguinmails.ingest.repository.MailboxRepository;
import io.penguinmails.ingest.service.InboundService;
import io.penguinmails.ingest.service.MessageTooLargeException;
import io.penguinmails.ingest.service.NotAMessageException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.FetchProfile;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import org.eclipse.angus.mail.imap.IMAPFolder;

/**
 * Polls one mailbox once: logs in, opens INBOX read-only (nothing is marked seen or moved), and feeds every message
 * after the cursor through {@link InboundService#accept}, moving the cursor in the same transaction as each accepted
 * message. A crash between two messages therefore neither skips nor re-fetches one.
 */
@ApplicationScoped
public class ImapFetcher {

    /** The folder polled; replies, bounces and auto-replies arrive there. */
    public static final String FOLDER = "INBOX";

    private final MailboxPasswords passwords;
    private final MailboxRepository mailboxes;
    private final InboundService inbound;
    private final ImapConfig config;
    private final IngestConfig ingest;

    ImapFetcher(
            MailboxPasswords passwords,
            MailboxRepository mailboxes,
            InboundService inbound,
            ImapConfig config,
            IngestConfig ingest) {
        this.passwords = passwords;
        this.mailboxes = mailboxes;
        this.inbound = inbound;
        this.config = config;
        this.ingest = ingest;
    }

    /**
     * Fetches the mailbox's new messages, at most {@code max-messages-per-poll} of them.
     *
     * @return whether more new messages remain for the next poll
     * @throws MailboxStoppedException when the mailbox was paused or deleted meanwhile
     */
    public boolean poll(Mailbox mailbox) throws MessagingException, IOException {
        String password = passwords.decrypt(mailbox.passwordEncrypted());
        try (Store store = connect(mailbox.imap(), password)) {
            IMAPFolder folder = (IMAPFolder) store.getFolder(FOLDER);
            folder.open(Folder.READ_ONLY);
            try {
                return fetchNew(mailbox, folder);
            } finally {
                folder.close(false);
            }
        }
    }

    private Store connect(Mailbox.Imap imap, String password) throws MessagingException {
        String protocol = "tls".equals(imap.security()) ? "imaps" : "imap";
        String prefix = "mail." + protocol + ".";
        Properties props = new Properties();
        props.setProperty(
                prefix + "connectiontimeout",
                String.valueOf(config.imap().connectTimeout().toMillis()));
        props.setProperty(
                prefix + "timeout", String.valueOf(config.imap().readTimeout().toMillis()));
        // BODY.PEEK keeps messages unread for the people who use the mailbox; large chunks make big messages fast.
        props.setProperty(prefix + "peek", "true");
        props.setProperty(prefix + "fetchsize", String.valueOf(1024 * 1024));
        props.setProperty(prefix + "ssl.checkserveridentity", "true");
        if ("starttls".equals(imap.security())) {
            props.setProperty(prefix + "starttls.enable", "true");
            props.setProperty(prefix + "starttls.required", "true");
        }
        Store store = Session.getInstance(props).getStore(protocol);
        store.connect(imap.host(), imap.port(), imap.username(), password);
        return store;
    }

    private boolean fetchNew(Mailbox mailbox, IMAPFolder folder) throws MessagingException, IOException {
        long uidValidity = folder.getUIDValidity();
        long from = startUid(mailbox, uidValidity);
        Message[] candidates = folder.getMessagesByUID(from, UIDFolder.MAXUID);
        FetchProfile profile = new FetchProfile();
        profile.add(UIDFolder.FetchProfileItem.UID);
        profile.add(FetchProfile.Item.SIZE);
        folder.fetch(candidates, profile);
        // "UID n:*" also answers the newest message when n is past it, so filter on the UID again.
        List<Message> fresh = Arrays.stream(candidates)
                .filter(m -> uid(folder, m) >= from)
                .sorted(Comparator.comparingLong(m -> uid(folder, m)))
                .toList();
        int limit = config.imap().maxMessagesPerPoll();
        for (Message message : fresh.subList(0, Math.min(limit, fresh.size()))) {
            deliver(mailbox, uidValidity, folder.getUID(message), message);
        }
        return fresh.size() > limit;
    }

    private long startUid(Mailbox mailbox, long uidValidity) {
        long next = mailboxes
                .cursor(mailbox.emailAccountId(), FOLDER)
                .map(cursor -> cursor.nextUid(uidValidity))
                .orElse(1L);
        if (next == 1) {
            // A first poll or a new UIDVALIDITY: the cursor moves below only under the validity recorded here.
            mailboxes.resetCursor(mailbox, FOLDER, uidValidity);
        }
        return next;
    }

    private void deliver(Mailbox mailbox, long uidValidity, long uid, Message message)
            throws MessagingException, IOException {
        String id = mailbox.emailAccountId();
        if (message.getSize() > ingest.maxMessageBytes()) {
            // Not downloaded at all: it would be refused anyway.
            String reason = new MessageTooLargeException(message.getSize(), ingest.maxMessageBytes()).getMessage();
            mailboxes.refuse(id, FOLDER, uidValidity, uid, reason);
            return;
        }
        byte[] raw = rawBytes(message);
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                if (!mailboxes.renewClaim(id, config.imap().claimLease())) {
                    throw new MailboxStoppedException(id);
                }
                inbound.accept(mailbox.tenantId(), id, raw);
                mailboxes.advance(id, FOLDER, uidValidity, uid);
            });
        } catch (NotAMessageException | MessageTooLargeException e) {
            mailboxes.refuse(id, FOLDER, uidValidity, uid, e.getMessage());
        }
    }

    /** The message exactly as the server stores it: an IMAP message writes the BODY[] bytes it fetched, unchanged. */
    private static byte[] rawBytes(Message message) throws MessagingException, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(message.getSize(), 1024));
        message.writeTo(out);
        return out.toByteArray();
    }

    private static long uid(IMAPFolder folder, Message message) {
        try {
            return folder.getUID(message);
        } catch (MessagingException e) {
            throw new IllegalStateException("the server gave no UID for a message", e);
        }
    }
}
