package io.penguinmails.content.service;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.penguinmails.content.KeysetPosition;
import io.penguinmails.content.TransactionalEmail;
import io.penguinmails.content.TransactionalEmailRequest;
import io.penguinmails.content.config.TransactionalMailConfig;
import io.penguinmails.content.repository.TenantScope;
import io.penguinmails.content.repository.TransactionalEmailRepository;
import io.penguinmails.content.repository.TransactionalEmailRepository.KeyedEmail;
import io.penguinmails.content.repository.TransactionalEmailRepository.NewEmail;
import io.penguinmails.contracts.EventJson;
import io.penguinmails.contracts.StorageKeys;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Queues transactional emails. The row is the queue: {@link TransactionalMailSender} delivers it later, so the API
 * answers at once and an SMTP outage only delays mail. Every call runs under the tenant's row-level security
 * ({@link TenantScope}).
 */
@ApplicationScoped
public class TransactionalEmailService {

    private static final Pattern FROM_DOMAIN = Pattern.compile("@([^@>\\s]+)>?\\s*$");

    private final TransactionalEmailRepository emails;
    private final TransactionalMailConfig config;
    private final TenantScope scope;

    TransactionalEmailService(TransactionalEmailRepository emails, TransactionalMailConfig config, TenantScope scope) {
        this.emails = emails;
        this.config = config;
        this.scope = scope;
    }

    /**
     * Queues an email for a tenant, or answers the email an earlier request with the same idempotency key queued.
     *
     * @throws InvalidRequestException when the request breaks a rule
     * @throws IdempotencyConflictException when the key was used for a different request
     */
    public Queued queue(UUID tenantId, String requestedBy, TransactionalEmailRequest request) {
        TransactionalEmailValidator.validate(request);
        String payload = EventJson.write(Payload.of(request));
        String sha256 = StorageKeys.sha256Hex(payload.getBytes(StandardCharsets.UTF_8));
        UUID id = UUID.randomUUID();
        NewEmail email = new NewEmail(
                id,
                tenantId,
                requestedBy,
                payload,
                sha256,
                request.idempotencyKey(),
                messageId(id),
                config.maxAttempts());
        return scope.call(tenantId, () -> {
            Optional<UUID> inserted = emails.insert(email);
            return inserted.isPresent() ? new Queued(id, "queued", true) : earlier(tenantId, request, sha256);
        });
    }

    /** One email of a tenant, bodies included. */
    public Optional<TransactionalEmail> find(UUID tenantId, UUID id) {
        return scope.call(tenantId, () -> emails.find(tenantId, id));
    }

    /** A page of a tenant's emails, newest first, optionally of one status. */
    public List<TransactionalEmail> list(UUID tenantId, String status, KeysetPosition after, int limit) {
        return scope.call(tenantId, () -> emails.list(tenantId, status, after, limit));
    }

    private Queued earlier(UUID tenantId, TransactionalEmailRequest request, String sha256) {
        KeyedEmail earlier = emails.findByIdempotencyKey(tenantId, request.idempotencyKey())
                .orElseThrow(() -> new IllegalStateException("idempotency key conflicted but names no email"));
        if (!earlier.requestSha256().equals(sha256)) {
            throw new IdempotencyConflictException("idempotency_key was already used for a different email");
        }
        return new Queued(earlier.id(), earlier.status(), false);
    }

    /** A Message-ID fixed at queueing, so that every attempt of one email carries the same one. */
    private String messageId(UUID id) {
        Matcher domain = FROM_DOMAIN.matcher(config.from());
        return "<" + id + "@" + (domain.find() ? domain.group(1) : "penguinmails.local") + ">";
    }

    /**
     * The answer to a queue request.
     *
     * @param created false when an earlier request with the same idempotency key had queued it
     */
    public record Queued(
            @JsonProperty("id") UUID id, @JsonProperty("status") String status, @JsonIgnore boolean created) {}

    /** What is stored and sent; its JSON is hashed to recognise a repeated request. */
    record Payload(
            @JsonProperty("to") List<String> to,
            @JsonProperty("cc") List<String> cc,
            @JsonProperty("subject") String subject,
            @JsonProperty("text") String text,
            @JsonProperty("html") String html,
            @JsonProperty("reply_to") String replyTo) {

        static Payload of(TransactionalEmailRequest r) {
            return new Payload(
                    r.to(), r.cc() == null ? List.of() : r.cc(), r.subject(), r.text(), r.html(), r.replyTo());
        }
    }
}
