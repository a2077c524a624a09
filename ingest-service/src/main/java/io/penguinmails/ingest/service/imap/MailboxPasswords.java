package io.penguinmails.ingest.service.imap;

import io.penguinmails.contracts.MailboxCredentials;
import io.penguinmails.ingest.config.ImapConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Decrypts mailbox passwords with the key shared with campaign-service. A malformed key stops the service at start; a
 * missing one only makes every login fail with a message naming {@code PENGUIN_MAILBOX_KEY}, so a deployment that
 * does not poll mailboxes still runs.
 */
@ApplicationScoped
public class MailboxPasswords {

    private static final Logger LOG = Logger.getLogger(MailboxPasswords.class);

    private final Optional<MailboxCredentials> credentials;
    private final boolean polling;

    MailboxPasswords(ImapConfig config) {
        this.credentials = config.mailboxKey().map(MailboxCredentials::new);
        this.polling = config.imap().enabled();
    }

    void checkKey(@Observes StartupEvent event) {
        if (polling && credentials.isEmpty()) {
            LOG.warn("PENGUIN_MAILBOX_KEY is not set: mailboxes cannot be polled until it is");
        }
    }

    /**
     * The clear password of a mailbox.
     *
     * @throws MailboxLoginException when there is no key or the value does not decrypt with it
     */
    public String decrypt(String passwordEncrypted) {
        MailboxCredentials key = credentials.orElseThrow(
                () -> new MailboxLoginException("no mailbox key configured (set PENGUIN_MAILBOX_KEY)"));
        if (passwordEncrypted == null) {
            throw new MailboxLoginException("mailbox.changes carried no password for this mailbox");
        }
        try {
            return key.decrypt(passwordEncrypted);
        } catch (IllegalArgumentException e) {
            throw new MailboxLoginException("password cannot be decrypted: " + e.getMessage());
        }
    }
}
