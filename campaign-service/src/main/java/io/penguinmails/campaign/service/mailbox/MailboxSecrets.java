package io.penguinmails.campaign.service.mailbox;

import io.penguinmails.campaign.config.MailboxKeyConfig;
import io.penguinmails.contracts.MailboxCredentials;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Encrypts and decrypts mailbox passwords and DKIM private keys with the key shared with ingest-service
 * ({@code PENGUIN_MAILBOX_KEY}), in the {@code v1:} AES-256-GCM format of {@link MailboxCredentials}, so the IMAP
 * password can travel on {@code mailbox.changes} exactly as it is stored.
 */
@ApplicationScoped
public class MailboxSecrets {

    private final Optional<MailboxCredentials> credentials;

    MailboxSecrets(MailboxKeyConfig config) {
        // A malformed key fails here, at the first use of a mailbox, rather than silently storing clear text.
        this.credentials = config.mailboxKey().filter(key -> !key.isBlank()).map(MailboxCredentials::new);
    }

    /**
     * The secret encrypted under a fresh IV.
     *
     * @throws IllegalStateException when no mailbox key is configured
     */
    public String encrypt(String secret) {
        return cipher().encrypt(secret);
    }

    /**
     * The clear secret.
     *
     * @throws IllegalArgumentException when the value was encrypted with another key, altered or is not {@code v1:}
     * @throws IllegalStateException when no mailbox key is configured
     */
    public String decrypt(String encrypted) {
        return cipher().decrypt(encrypted);
    }

    private MailboxCredentials cipher() {
        return credentials.orElseThrow(
                () -> new IllegalStateException("no mailbox key configured (set PENGUIN_MAILBOX_KEY)"));
    }
}
