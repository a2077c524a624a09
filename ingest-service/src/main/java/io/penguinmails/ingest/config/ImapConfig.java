package io.penguinmails.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Settings of the mail sources: the key of the mailbox credentials and the IMAP poller. */
@ConfigMapping(prefix = "penguin.ingest")
public interface ImapConfig {

    /**
     * The AES-256 key shared with campaign-service that decrypts mailbox passwords (env {@code PENGUIN_MAILBOX_KEY}, 32
     * bytes base64-encoded). Without one, mailboxes are recorded but polling them fails with a clear error.
     */
    Optional<String> mailboxKey();

    /** The IMAP poller. */
    Imap imap();

    /** Settings of the IMAP poller. */
    interface Imap {

        /** Whether this replica polls mailboxes; the import command turns it off. */
        @WithDefault("true")
        boolean enabled();

        /** How often the poller looks for due mailboxes; read by the scheduler as {@code penguin.ingest.imap.tick}. */
        @WithDefault("5s")
        String tick();

        /** Wait between two successful polls of one mailbox. */
        @WithDefault("30s")
        Duration pollInterval();

        /** IMAP connections this replica holds open at most (one per mailbox being polled). */
        @WithDefault("4")
        int maxConnections();

        /** Messages one poll fetches at most; a mailbox with more is polled again right away. */
        @WithDefault("100")
        int maxMessagesPerPoll();

        /** How long a claimed mailbox stays invisible to other replicas; renewed after every fetched message. */
        @WithDefault("5m")
        Duration claimLease();

        /** Time allowed to open the connection to the IMAP server. */
        @WithDefault("30s")
        Duration connectTimeout();

        /** Time allowed for one read from the IMAP server. */
        @WithDefault("60s")
        Duration readTimeout();

        /** Wait after the first failed poll of a mailbox; each further failure doubles it. */
        @WithDefault("30s")
        Duration initialBackoff();

        /** The longest wait between two failed polls of a mailbox. */
        @WithDefault("30m")
        Duration maxBackoff();
    }
}
