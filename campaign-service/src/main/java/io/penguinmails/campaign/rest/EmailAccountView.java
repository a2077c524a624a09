package io.penguinmails.campaign.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.penguinmails.campaign.EmailAccount;
import java.time.Instant;
import java.util.UUID;

/** A mailbox as the API shows it: never a password, only whether one is stored. */
public record EmailAccountView(
        UUID id,
        String email,
        @JsonProperty("from_name") String fromName,
        String status,
        @JsonProperty("daily_limit") int dailyLimit,
        Ramp ramp,
        @JsonProperty("company_id") UUID companyId,
        @JsonProperty("domain_id") UUID domainId,
        Server smtp,
        Server imap,
        @JsonProperty("last_error") String lastError,
        Instant created,
        Instant updated) {

    /** The mailbox's warm-up: its limit n days after it was added is {@code min(daily_limit, start + n * step)}. */
    public record Ramp(int start, int step) {}

    /** One server's settings without its password. */
    public record Server(
            String host,
            int port,
            String security,
            String username,
            @JsonProperty("has_password") boolean hasPassword) {

        static Server of(EmailAccount.MailServer server) {
            return server == null
                    ? null
                    : new Server(
                            server.host(),
                            server.port(),
                            server.security(),
                            server.username(),
                            server.passwordEncrypted() != null);
        }
    }

    static EmailAccountView of(EmailAccount account) {
        return new EmailAccountView(
                account.id(),
                account.email(),
                account.fromName(),
                account.status(),
                account.dailyLimit(),
                new Ramp(account.rampStart(), account.rampStep()),
                account.companyId(),
                account.domainId(),
                Server.of(account.smtp()),
                Server.of(account.imap()),
                account.lastError(),
                account.created(),
                account.updated());
    }
}
