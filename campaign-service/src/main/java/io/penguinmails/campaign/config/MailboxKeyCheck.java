package io.penguinmails.campaign.config;

import io.penguinmails.contracts.MailboxCredentials;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Optional;

/**
 * Stops a production start whose mailbox key is missing, malformed or the well-known development default: mailbox
 * passwords and DKIM keys would otherwise be stored readable by anyone who has the source.
 */
@ApplicationScoped
public class MailboxKeyCheck {

    private final MailboxKeyConfig config;

    MailboxKeyCheck(MailboxKeyConfig config) {
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        requireSafe(ConfigUtils.getProfiles(), config.mailboxKey());
    }

    /**
     * Checks the mailbox key against the active profiles.
     *
     * @throws IllegalStateException when {@code prod} is active and the key is missing, blank, not 32 base64 bytes or
     *     the default
     */
    public static void requireSafe(List<String> activeProfiles, Optional<String> key) {
        if (!activeProfiles.contains("prod")) {
            return;
        }
        String value = key.map(String::strip).orElse("");
        if (value.isEmpty() || value.equals(MailboxKeyConfig.DEV_KEY)) {
            throw new IllegalStateException("refusing to start: set PENGUIN_MAILBOX_KEY to a secret key"
                    + " (32 random bytes, base64; it is missing, blank or the development default)");
        }
        try {
            new MailboxCredentials(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("refusing to start: PENGUIN_MAILBOX_KEY is invalid: " + e.getMessage(), e);
        }
    }
}
