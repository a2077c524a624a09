package io.penguinmails.content.service;

import io.penguinmails.content.ClaimedEmail;
import io.penguinmails.content.config.TransactionalMailConfig;
import io.penguinmails.content.repository.TenantScope;
import io.penguinmails.content.repository.TransactionalEmailRepository;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Delivers queued transactional email over SMTP. Each due row is claimed ({@code sending}, attempt counted) in a
 * statement that commits before SMTP starts, so no transaction stays open during a send and replicas never claim the
 * same row. Then the row becomes {@code sent}, {@code queued} again after a backoff (transient failure), or
 * {@code failed} (a 5xx reply, or the last attempt). A claim whose outcome was never recorded (the process stopped
 * mid-send) is settled by {@link TransactionalEmailRepository#settleStaleClaims} after the sending timeout. The queue
 * holds every tenant's mail, so each of these statements is system work ({@link TenantScope#asSystem}), a short
 * transaction of its own.
 */
@ApplicationScoped
public class TransactionalMailSender {

    /** Batches one run claims at most, so that a long queue still hands the scheduler thread back regularly. */
    static final int MAX_BATCHES_PER_RUN = 50;

    private static final Logger LOG = Logger.getLogger(TransactionalMailSender.class);

    private final TransactionalEmailRepository emails;
    private final Mailer mailer;
    private final TransactionalMailConfig config;
    private final TenantScope scope;

    TransactionalMailSender(
            TransactionalEmailRepository emails, Mailer mailer, TransactionalMailConfig config, TenantScope scope) {
        this.emails = emails;
        this.mailer = mailer;
        this.config = config;
        this.scope = scope;
    }

    @Scheduled(
            every = "${penguin.transactional.send-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduledSend() {
        Run run = sendDue();
        if (run.settled() + run.sent() + run.retried() + run.failed() > 0) {
            LOG.infof(
                    "transactional mail: %d sent, %d to retry, %d failed, %d stale claims settled",
                    run.sent(), run.retried(), run.failed(), run.settled());
        }
    }

    /** Settles stale claims, then sends every due email, batch by batch; says what happened. */
    public Run sendDue() {
        int settled = system(() -> emails.settleStaleClaims(config.sendingTimeout(), config.batchSize()));
        Run run = new Run(settled, 0, 0, 0);
        List<ClaimedEmail> batch;
        int batches = 0;
        do {
            batch = system(() -> emails.claimDue(config.batchSize()));
            for (ClaimedEmail email : batch) {
                run = run.plus(deliver(email));
            }
        } while (batch.size() == config.batchSize() && ++batches < MAX_BATCHES_PER_RUN);
        return run;
    }

    private Outcome deliver(ClaimedEmail email) {
        try {
            mailer.send(toMail(email));
        } catch (RuntimeException e) {
            return recordFailure(email, SmtpFailure.of(e));
        }
        system(() -> emails.markSent(email.id()));
        return Outcome.SENT;
    }

    private Outcome recordFailure(ClaimedEmail email, SmtpFailure failure) {
        String error = "attempt " + email.attempts() + " of " + email.maxAttempts() + ": " + failure.description();
        LOG.warnf("transactional email %s: %s", email.id(), error);
        if (failure.permanent() || email.attempts() >= email.maxAttempts()) {
            system(() -> emails.markFailed(email.id(), error));
            return Outcome.FAILED;
        }
        Instant next = Instant.now().plus(backoff(email.attempts()));
        system(() -> emails.reschedule(email.id(), next, error));
        return Outcome.RETRIED;
    }

    private <T> T system(Supplier<T> work) {
        return scope.asSystem("transactional mail sender", work);
    }

    /** The wait after a failed attempt: the base, doubled for each earlier attempt, at most the configured maximum. */
    Duration backoff(int attempts) {
        Duration wait = config.backoffBase().multipliedBy(1L << Math.min(attempts - 1, 30));
        return wait.compareTo(config.backoffMax()) > 0 ? config.backoffMax() : wait;
    }

    private Mail toMail(ClaimedEmail email) {
        Mail mail = new Mail()
                .setFrom(config.from())
                .setTo(email.to())
                .setCc(email.cc())
                .setSubject(email.subject())
                .addHeader("Message-ID", email.messageId());
        if (email.text() != null) {
            mail.setText(email.text());
        }
        if (email.html() != null) {
            mail.setHtml(email.html());
        }
        if (email.replyTo() != null) {
            mail.setReplyTo(email.replyTo());
        }
        return mail;
    }

    /** What one email's attempt came to. */
    enum Outcome {
        SENT,
        RETRIED,
        FAILED
    }

    /** What one run did. */
    public record Run(int settled, int sent, int retried, int failed) {

        Run plus(Outcome outcome) {
            return switch (outcome) {
                case SENT -> new Run(settled, sent + 1, retried, failed);
                case RETRIED -> new Run(settled, sent, retried + 1, failed);
                case FAILED -> new Run(settled, sent, retried, failed + 1);
            };
        }
    }
}
