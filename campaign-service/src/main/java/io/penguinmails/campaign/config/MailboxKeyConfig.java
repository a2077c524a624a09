package io.penguinmails.campaign.config;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** The key that encrypts mailbox passwords at rest and on {@code mailbox.changes}, {@code penguin.mailbox-key}. */
@ConfigMapping(prefix = "penguin")
public interface MailboxKeyConfig {

    /** The key the dev, test and local profiles use (the same as ingest-service's); never acceptable in production. */
    String DEV_KEY = "cGVuZ3Vpbm1haWxzLWRldi1tYWlsYm94LWtleS0zMmI=";

    /**
     * The AES-256 key shared with ingest-service, 32 random bytes base64-encoded ({@code penguin.mailbox-key}, env
     * {@code PENGUIN_MAILBOX_KEY}, e.g. {@code openssl rand -base64 32}). Changing it makes every stored SMTP and IMAP
     * password and DKIM private key unreadable. The {@code prod} profile refuses to start without a real one (see
     * {@link MailboxKeyCheck}).
     */
    Optional<String> mailboxKey();
}
