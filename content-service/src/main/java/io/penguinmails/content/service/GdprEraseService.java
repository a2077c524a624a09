package io.penguinmails.content.service;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.penguinmails.content.OutboxRecord;
import io.penguinmails.content.repository.OutboxRepository;
import io.penguinmails.content.repository.RetentionRepository;
import io.penguinmails.content.repository.TenantScope;
import io.penguinmails.contracts.AuditEvent;
import io.penguinmails.contracts.EventJson;
import io.penguinmails.contracts.StorageKeys;
import io.penguinmails.contracts.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Erases a person from a tenant's store: every message from, to or copied to their address, the attachment blobs
 * only those messages used, and an {@code audit.events} record of the erase, all in one transaction.
 */
@ApplicationScoped
public class GdprEraseService {

    /** The audit action of an erase. */
    public static final String ACTION = "gdpr.erase";

    private final RetentionRepository retention;
    private final OutboxRepository outbox;
    private final TenantScope scope;

    GdprEraseService(RetentionRepository retention, OutboxRepository outbox, TenantScope scope) {
        this.retention = retention;
        this.outbox = outbox;
        this.scope = scope;
    }

    /** Erases an address within a tenant and records who did it. */
    @Transactional
    public Erased erase(UUID tenantId, String actor, String address) {
        scope.enter(tenantId);
        List<String> contentHashes = retention.contentHashesOfAddress(tenantId, address);
        int messages = retention.deleteByAddress(tenantId, address);
        int contents = retention.deleteUnreferencedContents(tenantId, contentHashes);
        int blobs = retention.deleteUnreferencedBlobs(tenantId);
        outbox.insert(auditRecord(tenantId, actor, address, messages));
        return new Erased(messages, contents, blobs);
    }

    /** The audit record names the address only by its SHA-256: the log must not keep what was erased. */
    private static OutboxRecord auditRecord(UUID tenantId, String actor, String address, int messages) {
        String addressHash =
                StorageKeys.sha256Hex(address.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
        AuditEvent event = new AuditEvent(
                AuditEvent.SCHEMA_VERSION,
                ACTION,
                tenantId.toString(),
                actor,
                addressHash,
                Map.of("address_sha256", addressHash, "messages_erased", String.valueOf(messages)),
                Instant.now());
        return new OutboxRecord(
                UUID.randomUUID(),
                tenantId,
                Topics.AUDIT_EVENTS,
                tenantId.toString(),
                "io.penguinmails." + Topics.AUDIT_EVENTS + ".v1",
                EventJson.write(event),
                event.occurredAt());
    }

    /**
     * What an erase deleted.
     *
     * @param contents shared contents no remaining message refers to (identical mail to other addresses keeps its copy)
     */
    public record Erased(
            @JsonProperty("erased_messages") int messages,
            @JsonProperty("erased_contents") int contents,
            @JsonProperty("erased_blobs") int blobs) {}
}
