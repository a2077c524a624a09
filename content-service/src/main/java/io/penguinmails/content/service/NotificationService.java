package io.penguinmails.content.service;

import io.penguinmails.content.KeysetPosition;
import io.penguinmails.content.Notification;
import io.penguinmails.content.NotificationRequest;
import io.penguinmails.content.config.NotificationConfig;
import io.penguinmails.content.repository.NotificationRepository;
import io.penguinmails.content.repository.ProcessedEventRepository;
import io.penguinmails.content.repository.TenantScope;
import io.penguinmails.contracts.CloudEvent;
import io.penguinmails.contracts.EventJson;
import io.penguinmails.contracts.EventSchemas;
import io.penguinmails.contracts.InvalidEventException;
import io.penguinmails.contracts.NotificationEvent;
import io.penguinmails.contracts.Topics;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Keeps in-app notifications: those other services raise on {@code notifications} and those a tenant creates through
 * the API (checked against the same JSON Schema), and purges expired ones. Every tenant call runs in a transaction
 * under the tenant's row-level security ({@link TenantScope}); the purge crosses tenants as system work.
 */
@ApplicationScoped
public class NotificationService {

    private static final Logger LOG = Logger.getLogger(NotificationService.class);

    private final NotificationRepository notifications;
    private final ProcessedEventRepository processed;
    private final NotificationConfig config;
    private final TenantScope scope;

    NotificationService(
            NotificationRepository notifications,
            ProcessedEventRepository processed,
            NotificationConfig config,
            TenantScope scope) {
        this.notifications = notifications;
        this.processed = processed;
        this.config = config;
        this.scope = scope;
    }

    /**
     * Stores a consumed notification together with its event id, so that a redelivery stores nothing.
     *
     * @return true when it was stored now, false when it had been before
     */
    @Transactional
    public boolean store(CloudEvent envelope, NotificationEvent event) {
        UUID tenantId = tenantOf(event.tenantId());
        scope.enter(tenantId);
        if (!processed.markProcessed(envelope.id(), tenantId, Topics.NOTIFICATIONS)) {
            return false;
        }
        notifications.insert(UUID.randomUUID(), tenantId, event, envelope.id());
        return true;
    }

    /**
     * Creates a notification for a tenant.
     *
     * @throws InvalidRequestException when it breaks the notification schema or has already expired
     */
    public Notification create(UUID tenantId, NotificationRequest request) {
        NotificationEvent event = new NotificationEvent(
                NotificationEvent.SCHEMA_VERSION,
                tenantId.toString(),
                request.kind(),
                request.severity() == null ? "info" : request.severity(),
                request.title(),
                request.body(),
                request.subjectId(),
                request.details(),
                Instant.now(),
                request.expiresAt());
        List<String> violations = EventSchemas.violations(Topics.NOTIFICATIONS, EventJson.write(event));
        if (!violations.isEmpty()) {
            throw new InvalidRequestException("notification is invalid: " + String.join("; ", violations));
        }
        if (event.expiresAt() != null && !event.expiresAt().isAfter(event.occurredAt())) {
            throw new InvalidRequestException("expires_at must be in the future");
        }
        UUID id = UUID.randomUUID();
        return scope.call(tenantId, () -> {
            notifications.insert(id, tenantId, event, null);
            return notifications.find(tenantId, id).orElseThrow();
        });
    }

    /** One live notification of a tenant. */
    public Optional<Notification> find(UUID tenantId, UUID id) {
        return scope.call(tenantId, () -> notifications.find(tenantId, id));
    }

    /** A page of a tenant's live notifications, newest first. */
    public List<Notification> list(UUID tenantId, boolean unreadOnly, KeysetPosition after, int limit) {
        return scope.call(tenantId, () -> notifications.list(tenantId, unreadOnly, after, limit));
    }

    /** Marks one live notification read; empty when the tenant has no such one. */
    public Optional<Notification> markRead(UUID tenantId, UUID id) {
        return scope.call(tenantId, () -> notifications.markRead(tenantId, id));
    }

    /** Marks every unread live notification of a tenant read; the number marked. */
    public int markAllRead(UUID tenantId) {
        return scope.call(tenantId, () -> notifications.markAllRead(tenantId));
    }

    @Scheduled(
            every = "${penguin.notifications.purge-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduledPurge() {
        int deleted = purgeExpired();
        if (deleted > 0) {
            LOG.infof("notification purge deleted %d expired notifications", deleted);
        }
    }

    /**
     * Deletes every expired notification, one bounded batch per statement, so that no purge holds many row locks
     * or one long transaction; the number deleted.
     */
    public int purgeExpired() {
        int batch = config.purgeBatchSize();
        int total = 0;
        int deleted;
        do {
            deleted = scope.asSystem("notification expiry purge", () -> notifications.deleteExpired(batch));
            total += deleted;
        } while (deleted == batch);
        return total;
    }

    private static UUID tenantOf(String tenantId) {
        try {
            return UUID.fromString(tenantId);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidEventException("tenant_id is not a UUID");
        }
    }
}
