package io.penguinmails.campaign.service.send;

import io.penguinmails.campaign.MailboxState;
import io.penguinmails.campaign.config.EngineConfig;
import io.penguinmails.campaign.service.domain.DkimKey;
import io.penguinmails.campaign.service.domain.DomainService;
import io.penguinmails.campaign.service.mailbox.MailboxSecrets;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;
import org.simplejavamail.api.email.Email;
import org.simplejavamail.api.mailer.Mailer;
import org.simplejavamail.api.mailer.config.TransportStrategy;
import org.simplejavamail.converter.EmailConverter;
import org.simplejavamail.email.EmailBuilder;
import org.simplejavamail.mailer.MailerBuilder;
import org.simplejavamail.utils.mail.dkim.Canonicalization;
import org.simplejavamail.utils.mail.dkim.DkimMessage;
import org.simplejavamail.utils.mail.dkim.DkimSigner;

/**
 * Sends campaign emails over SMTP from tenant mailboxes with simple-java-mail, DKIM-signed with the key of the tenant's
 * domain of the sender's address when the tenant has that domain. Each mailbox gets one mailer with its own decrypted
 * credentials and a small connection pool (batch-module), reused across sends and rebuilt when the mailbox's row
 * changes. Failures are classified by the SMTP reply code: a refused login (535, 534, 530) makes the mailbox unusable,
 * other 5xx replies are permanent for the lead, anything else is transient.
 */
@ApplicationScoped
public class SmtpSender {

    private static final Logger LOG = Logger.getLogger(SmtpSender.class);

    /** Authentication required (530), too weak (534) or refused (535): the mailbox's credentials are at fault. */
    private static final Set<Integer> AUTH_REFUSED = Set.of(530, 534, 535);

    private final EngineConfig config;
    private final MailboxSecrets secrets;
    private final DomainService domains;
    private final Map<UUID, PooledMailer> mailers = new ConcurrentHashMap<>();

    SmtpSender(EngineConfig config, MailboxSecrets secrets, DomainService domains) {
        this.config = config;
        this.secrets = secrets;
        this.domains = domains;
    }

    /** Submits the message from the mailbox and waits for the server's answer. */
    public SendResult send(MailboxState mailbox, ComposedMessage message) {
        Mailer mailer;
        try {
            mailer = mailerFor(mailbox);
        } catch (RuntimeException e) {
            // Unreadable credentials or settings: the mailbox must be fixed; the lead is not at fault.
            return new SendResult(SendResult.Outcome.MAILBOX_UNUSABLE, "mailbox settings unusable: " + e.getMessage());
        }
        try {
            // A failed key lookup (database away) is transient like any failure without an SMTP reply.
            submit(mailer, email(message), domains.signingKey(mailbox.tenantId(), mailbox.domain()));
            return SendResult.sent();
        } catch (CompletionException e) {
            return classify(e.getCause() == null ? e : e.getCause());
        } catch (MessagingException | RuntimeException e) {
            return classify(e);
        }
    }

    private static void submit(Mailer mailer, Email email, Optional<DkimKey> dkim) throws MessagingException {
        if (dkim.isPresent()) {
            sendSigned(mailer, email, dkim.get());
        } else {
            mailer.sendMail(email).join();
        }
    }

    /**
     * Signs the message with the domain's DKIM key and submits it over a connection of its own, with the mailer's
     * session (server, security, timeouts, credentials). simple-java-mail's own DKIM support refuses to sign until it
     * has found the key in DNS, and this service does no DNS lookups (a new domain is pending until its records are
     * published); with minutes of spacing between one mailbox's sends a pooled connection would not be reused anyway.
     */
    private static void sendSigned(Mailer mailer, Email email, DkimKey key) throws MessagingException {
        Session session = mailer.getSession();
        MimeMessage signed = new DkimMessage(EmailConverter.emailToMimeMessage(email, session), signer(key));
        Transport transport = session.getTransport();
        try {
            transport.connect();
            transport.sendMessage(signed, signed.getAllRecipients());
        } finally {
            transport.close();
        }
    }

    /** rsa-sha256 over the relaxed canonical headers and body, without the DNS check. */
    private static DkimSigner signer(DkimKey key) {
        try {
            DkimSigner signer =
                    new DkimSigner(key.domain(), key.selector(), new ByteArrayInputStream(key.privateKey()));
            signer.setHeaderCanonicalization(Canonicalization.RELAXED);
            signer.setBodyCanonicalization(Canonicalization.RELAXED);
            signer.setLengthParam(false);
            signer.setCheckDomainKey(false);
            return signer;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("the DKIM key of " + key.domain() + " is unusable: " + e.getMessage(), e);
        }
    }

    private Mailer mailerFor(MailboxState mailbox) {
        String fingerprint = fingerprint(mailbox);
        PooledMailer current = mailers.get(mailbox.id());
        if (current != null && current.fingerprint().equals(fingerprint)) {
            return current.mailer();
        }
        synchronized (mailers) {
            PooledMailer again = mailers.get(mailbox.id());
            if (again != null && again.fingerprint().equals(fingerprint)) {
                return again.mailer();
            }
            PooledMailer fresh = new PooledMailer(fingerprint, build(mailbox));
            mailers.put(mailbox.id(), fresh);
            if (again != null) {
                again.mailer().shutdownConnectionPool();
            }
            return fresh.mailer();
        }
    }

    private Mailer build(MailboxState mailbox) {
        String password =
                mailbox.smtpPasswordEncrypted() == null ? null : secrets.decrypt(mailbox.smtpPasswordEncrypted());
        int connectMillis = (int) config.smtpConnectTimeout().toMillis();
        return MailerBuilder.withSMTPServer(mailbox.smtpHost(), mailbox.smtpPort(), mailbox.smtpUsername(), password)
                .withTransportStrategy(strategy(mailbox.smtpSecurity()))
                .withSessionTimeout((int) config.smtpReadTimeout().toMillis())
                .withProperty("mail.smtp.connectiontimeout", connectMillis)
                .withProperty("mail.smtps.connectiontimeout", connectMillis)
                .withConnectionPoolCoreSize(0)
                .withConnectionPoolMaxSize(config.smtpPoolSize())
                .buildMailer();
    }

    private static TransportStrategy strategy(String security) {
        return switch (security) {
            case "none" -> TransportStrategy.SMTP;
            case "tls" -> TransportStrategy.SMTPS;
            default -> TransportStrategy.SMTP_TLS;
        };
    }

    private static Email email(ComposedMessage message) {
        var builder = EmailBuilder.startingBlank()
                .from(message.fromName(), message.fromAddress())
                .to(message.toName(), message.toAddress())
                .withSubject(message.subject())
                .withPlainText(message.text())
                .fixingMessageId(message.messageId())
                .withHeader("List-Unsubscribe", "<" + message.unsubscribeUrl() + ">")
                .withHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        if (message.html() != null) {
            builder.withHTMLText(message.html());
        }
        if (message.inReplyTo() != null) {
            builder.withHeader("In-Reply-To", message.inReplyTo()).withHeader("References", message.inReplyTo());
        }
        return builder.buildEmail();
    }

    /**
     * A refused login is the mailbox's failure (no retry from it can succeed until its credentials change); other 5xx
     * replies are permanent; 4xx, connection failures and anything without a code are transient.
     */
    static SendResult classify(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            int code = replyCode(cause);
            if (cause instanceof AuthenticationFailedException || AUTH_REFUSED.contains(code)) {
                return new SendResult(SendResult.Outcome.MAILBOX_UNUSABLE, "SMTP login refused: " + describe(cause));
            }
            if (code >= 500) {
                return new SendResult(SendResult.Outcome.PERMANENT, describe(cause));
            }
            if (code >= 400) {
                return new SendResult(SendResult.Outcome.TRANSIENT, describe(cause));
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return new SendResult(SendResult.Outcome.TRANSIENT, describe(failure));
    }

    /**
     * The SMTP reply code carried by Angus Mail's SMTP exceptions (address, sender and send failures all expose
     * {@code getReturnCode()}); read reflectively because Angus is only a runtime dependency of simple-java-mail.
     */
    private static int replyCode(Throwable cause) {
        try {
            Object code = cause.getClass().getMethod("getReturnCode").invoke(cause);
            return code instanceof Integer value ? value : -1;
        } catch (ReflectiveOperationException e) {
            return -1;
        }
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return message.strip();
    }

    private static String fingerprint(MailboxState mailbox) {
        return Objects.hash(
                        mailbox.smtpHost(),
                        mailbox.smtpPort(),
                        mailbox.smtpSecurity(),
                        mailbox.smtpUsername(),
                        mailbox.smtpPasswordEncrypted())
                + "|" + mailbox.updated();
    }

    @PreDestroy
    void shutdown() {
        mailers.values().forEach(pooled -> {
            try {
                pooled.mailer().shutdownConnectionPool();
            } catch (RuntimeException e) {
                LOG.debugf("closing an SMTP pool failed: %s", e.getMessage());
            }
        });
    }

    private record PooledMailer(String fingerprint, Mailer mailer) {}
}
