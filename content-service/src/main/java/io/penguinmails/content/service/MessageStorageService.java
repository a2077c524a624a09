package io.penguinmails.content.service;

import io.penguinmails.content.PreparedMessage;
import io.penguinmails.content.config.ContentConfig;
import io.penguinmails.content.repository.MessageWriteRepository;
import io.penguinmails.content.repository.ProcessedEventRepository;
import io.penguinmails.content.repository.TenantScope;
import io.penguinmails.contracts.CloudEvent;
import io.penguinmails.contracts.InvalidEventException;
import io.penguinmails.contracts.MailEvent;
import io.penguinmails.contracts.OutboundMailEvent;
import io.penguinmails.contracts.StorageKeys;
import io.penguinmails.contracts.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Stores mail events in two steps. {@code prepare*} checks and encodes one event outside any transaction (decoding,
 * digests, compression: everything that can fail on the record itself). {@link #store} then writes a whole batch in
 * one transaction together with the event ids, so a redelivered or replayed event, or the same message under another
 * event id, leaves exactly one stored copy.
 */
@ApplicationScoped
public class MessageStorageService {

    private final MessageWriteRepository messages;
    private final ProcessedEventRepository processed;
    private final ContentCodec codec;
    private final TenantScope scope;
    private final ContentConfig config;

    MessageStorageService(
            MessageWriteRepository messages,
            ProcessedEventRepository processed,
            ContentCodec codec,
            TenantScope scope,
            ContentConfig config) {
        this.messages = messages;
        this.processed = processed;
        this.codec = codec;
        this.scope = scope;
        this.config = config;
    }

    /**
     * Checks and encodes an inbound mail event received on a topic.
     *
     * @throws InvalidEventException when the event cannot be stored as it is
     */
    public PreparedMessage prepareInbound(CloudEvent envelope, String topic, MailEvent event) {
        UUID tenantId = tenantOf(event.tenantId());
        byte[] raw = decode(event.rawBase64(), "raw_base64");
        List<PreparedMessage.Attachment> attachments = attachments(event);
        String text = MessageWriteRepository.stripNul(event.text());
        ContentCodec.Bodies bodies = new ContentCodec.Bodies(
                text,
                MessageWriteRepository.stripNul(event.html()),
                MessageWriteRepository.jsonb(event.headers() == null ? List.of() : event.headers()));
        return new PreparedMessage(
                envelope.id(),
                topic,
                tenantId,
                event.storageKey(),
                event,
                null,
                codec.encode(tenantId, raw, bodies),
                StorageKeys.sha256Hex(raw),
                MessageWriteRepository.stripNul(event.subject()),
                text,
                attachments);
    }

    /**
     * Checks and encodes a sent (or failed) campaign email: its rendered bodies, without raw bytes, which
     * campaign-service does not publish.
     *
     * @throws InvalidEventException when the event cannot be stored as it is
     */
    public PreparedMessage prepareOutbound(CloudEvent envelope, OutboundMailEvent event) {
        UUID tenantId = tenantOf(event.tenantId());
        String subject = MessageWriteRepository.stripNul(event.subject());
        String text = MessageWriteRepository.stripNul(event.text());
        String html = MessageWriteRepository.stripNul(event.html());
        byte[] hashed = (Objects.toString(subject, "") + "\n" + Objects.toString(text, "") + "\n"
                        + Objects.toString(html, ""))
                .getBytes(StandardCharsets.UTF_8);
        return new PreparedMessage(
                envelope.id(),
                Topics.MAIL_OUTBOUND,
                tenantId,
                event.storageKey(),
                null,
                event,
                codec.encode(tenantId, null, new ContentCodec.Bodies(text, html, null)),
                StorageKeys.sha256Hex(hashed),
                subject,
                text,
                List.of());
    }

    /**
     * Writes prepared messages in one transaction, each tenant's under its own scope. Batches are written concurrently,
     * and a redelivered message can sit in two of them; so every transaction takes its row locks in one order (tenant,
     * then storage key, then content hash, then attachment hash), and two of them wait for each other instead of
     * deadlocking.
     *
     * @return how many were stored now (the others had been before)
     */
    @Transactional
    public int store(List<PreparedMessage> batch) {
        Map<UUID, List<PreparedMessage>> byTenant = new TreeMap<>();
        batch.stream().sorted(Comparator.comparing(PreparedMessage::storageKey)).forEach(m -> byTenant.computeIfAbsent(
                        m.tenantId(), t -> new ArrayList<>())
                .add(m));
        int stored = 0;
        for (Map.Entry<UUID, List<PreparedMessage>> tenant : byTenant.entrySet()) {
            scope.enter(tenant.getKey());
            stored += storeForTenant(tenant.getKey(), tenant.getValue());
        }
        return stored;
    }

    private int storeForTenant(UUID tenantId, List<PreparedMessage> batch) {
        List<PreparedMessage> fresh = firstTimeEvents(tenantId, batch);
        boolean[] inserted = messages.insertMessages(fresh, parents(tenantId, fresh));
        List<PreparedMessage> stored = new ArrayList<>();
        for (int i = 0; i < inserted.length; i++) {
            if (inserted[i]) {
                stored.add(fresh.get(i));
            }
        }
        messages.insertContents(stored, config.retentionDays());
        long[] contents = storeSharedContents(tenantId, stored);
        long[] blobs = storeAttachments(tenantId, stored);
        messages.addToDailyTotals(tenantId, totals(stored, contents, blobs));
        return stored.size();
    }

    /** Stores the content of the stored messages once per content hash; the number and bytes of contents new now. */
    private long[] storeSharedContents(UUID tenantId, List<PreparedMessage> stored) {
        long[] contents = new long[2];
        if (stored.isEmpty()) {
            return contents;
        }
        Map<String, PreparedMessage> byHash = new TreeMap<>();
        stored.forEach(m -> byHash.putIfAbsent(m.contentHash(), m));
        for (String created : messages.upsertSharedContents(tenantId, byHash.values(), config.retentionDays())) {
            contents[0]++;
            contents[1] += byHash.get(created).content().storedBytes();
        }
        return contents;
    }

    /** The messages whose event ids were not applied before, each event id once, by topic as recorded. */
    private List<PreparedMessage> firstTimeEvents(UUID tenantId, List<PreparedMessage> batch) {
        Map<String, List<String>> idsByTopic = new LinkedHashMap<>();
        batch.forEach(m ->
                idsByTopic.computeIfAbsent(m.topic(), t -> new ArrayList<>()).add(m.eventId()));
        Map<String, Set<String>> recorded = new HashMap<>();
        idsByTopic.forEach((topic, ids) -> recorded.put(topic, processed.markProcessed(ids, tenantId, topic)));
        return batch.stream()
                .filter(m -> recorded.get(m.topic()).remove(m.eventId()))
                .toList();
    }

    /** Parents of the inbound replies: stored before, or earlier in this batch. */
    private Map<String, String> parents(UUID tenantId, List<PreparedMessage> batch) {
        List<String> answered = batch.stream()
                .filter(m -> m.inbound() != null && m.inbound().inReplyTo() != null)
                .map(m -> m.inbound().inReplyTo())
                .distinct()
                .toList();
        Map<String, String> parents = new HashMap<>(messages.storageKeysOfMessageIds(tenantId, answered));
        for (PreparedMessage m : batch) {
            String messageId =
                    m.inbound() != null ? m.inbound().messageId() : m.outbound().messageId();
            if (messageId != null) {
                parents.putIfAbsent(messageId, m.storageKey());
            }
        }
        return parents;
    }

    /** Stores the attachments of the stored messages; the number and bytes of blobs new to the tenant. */
    private long[] storeAttachments(UUID tenantId, List<PreparedMessage> stored) {
        long[] blobs = new long[2];
        Map<String, byte[]> bySha = new TreeMap<>();
        stored.forEach(
                m -> m.attachments().forEach(a -> bySha.putIfAbsent(a.meta().sha256(), a.bytes())));
        bySha.forEach((sha256, bytes) -> {
            if (messages.upsertBlob(tenantId, sha256, bytes)) {
                blobs[0]++;
                blobs[1] += bytes.length;
            }
        });
        for (PreparedMessage m : stored) {
            if (!m.attachments().isEmpty()) {
                messages.insertAttachments(tenantId, m.storageKey(), m.attachments());
            }
        }
        return blobs;
    }

    private static MessageWriteRepository.DailyTotals totals(
            List<PreparedMessage> stored, long[] contents, long[] blobs) {
        long raw = 0;
        long shared = 0;
        long compressed = 0;
        long bodies = 0;
        long attachments = 0;
        long attachmentBytes = 0;
        for (PreparedMessage m : stored) {
            raw += m.rawSize();
            compressed += m.storedSize();
            shared += m.content().storedBytes();
            bodies += m.content().bodies().length;
            attachments += m.attachments().size();
            attachmentBytes += m.attachments().stream()
                    .mapToLong(a -> a.meta().sizeBytes())
                    .sum();
        }
        return new MessageWriteRepository.DailyTotals(
                stored.size(),
                raw,
                compressed,
                bodies,
                attachments,
                attachmentBytes,
                blobs[0],
                blobs[1],
                shared,
                contents[0],
                contents[1]);
    }

    private static List<PreparedMessage.Attachment> attachments(MailEvent event) {
        List<MailEvent.Attachment> listed = event.attachments() == null ? List.of() : event.attachments();
        List<PreparedMessage.Attachment> result = new ArrayList<>();
        for (int position = 0; position < listed.size(); position++) {
            MailEvent.Attachment attachment = listed.get(position);
            byte[] bytes = decode(attachment.contentBase64(), "attachment " + position);
            if (!StorageKeys.sha256Hex(bytes).equals(attachment.sha256())) {
                throw new InvalidEventException("attachment " + position + " does not match its sha256");
            }
            result.add(new PreparedMessage.Attachment(position, attachment, bytes));
        }
        return result;
    }

    private static UUID tenantOf(String tenantId) {
        try {
            return UUID.fromString(tenantId);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidEventException("tenant_id is not a UUID");
        }
    }

    private static byte[] decode(String base64, String what) {
        try {
            return Base64.getDecoder().decode(base64 == null ? "" : base64);
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException(what + " is not valid base64");
        }
    }
}
