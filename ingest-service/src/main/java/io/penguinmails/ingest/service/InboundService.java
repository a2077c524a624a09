package io.penguinmails.ingest.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.penguinmails.contracts.EventJson;
import io.penguinmails.contracts.EventSchemas;
import io.penguinmails.contracts.MailEvent;
import io.penguinmails.contracts.StorageKeys;
import io.penguinmails.ingest.Classification;
import io.penguinmails.ingest.InboundJob;
import io.penguinmails.ingest.ParsedMessage;
import io.penguinmails.ingest.config.IngestConfig;
import io.penguinmails.ingest.mapping.MailEventMapper;
import io.penguinmails.ingest.mapping.NulCharacters;
import io.penguinmails.ingest.messaging.JobPublisher;
import io.penguinmails.ingest.repository.JobGroupCommit;
import io.penguinmails.ingest.repository.JobRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Accepts one raw message: parses and classifies it, and records a durable job holding the event to publish. The
 * job is committed before the caller hears 202, so nothing accepted is lost, and published right after that commit
 * (an IMAP poll's message with its cursor move).
 */
@ApplicationScoped
public class InboundService {

    private final MessageParser parser;
    private final MailClassifier classifier;
    private final MailEventMapper mapper;
    private final JobRepository jobs;
    private final JobGroupCommit groupCommit;
    private final IngestConfig config;
    private final Clock clock;
    private final JobPublisher publisher;

    InboundService(
            MessageParser parser,
            MailClassifier classifier,
            MailEventMapper mapper,
            JobRepository jobs,
            JobGroupCommit groupCommit,
            IngestConfig config,
            Clock clock,
            JobPublisher publisher) {
        this.parser = parser;
        this.classifier = classifier;
        this.mapper = mapper;
        this.jobs = jobs;
        this.groupCommit = groupCommit;
        this.config = config;
        this.clock = clock;
        this.publisher = publisher;
    }

    /**
     * Accepts a raw message of a tenant.
     *
     * @throws NotAMessageException when the bytes are not a message
     * @throws MessageTooLargeException when they exceed the configured maximum
     */
    public Accepted accept(UUID tenantId, String emailAccountId, byte[] raw) {
        requireAcceptable(raw);
        ParsedMessage parsed = parser.parse(raw);
        Classification classification = classifier.classify(parsed);
        String storageKey = StorageKeys.forRawMessage(tenantId.toString(), raw);
        var inbound = new MailEventMapper.Inbound(tenantId, emailAccountId, storageKey, Instant.now(clock), raw);
        MailEvent event = mapper.toEvent(inbound, parsed, classification);
        String body = validBody(event);
        var job = new JobRepository.NewJob(
                tenantId,
                storageKey,
                emailAccountId,
                classification.messageType(),
                EventJson.write(summary(parsed, raw)),
                body,
                config.maxAttempts());
        return new Accepted(queue(job), storageKey, classification);
    }

    /**
     * Records the job, together with those of concurrent requests, and publishes it once it is committed; the same
     * message again finds its job and publishes nothing.
     */
    private UUID queue(JobRepository.NewJob job) {
        Optional<InboundJob> inserted = groupCommit.insertClaimed(job);
        inserted.ifPresent(publisher::publishOnCommit);
        return inserted.map(InboundJob::id)
                .or(() -> jobs.idOf(job.tenantId(), job.storageKey()))
                .orElseThrow(() -> new IllegalStateException("job of " + job.storageKey() + " vanished"));
    }

    /** The event's body, checked against its topic's schema before it is written, so it is never parsed back. */
    private static String validBody(MailEvent event) {
        JsonNode tree = EventJson.tree(event);
        EventSchemas.requireValid(MailEvent.topicFor(event.messageType()), tree);
        return EventJson.write(tree);
    }

    private void requireAcceptable(byte[] raw) {
        if (raw == null || raw.length == 0) {
            throw new NotAMessageException("the body is empty; send the RFC 5322 message bytes");
        }
        if (raw.length > config.maxMessageBytes()) {
            throw new MessageTooLargeException(raw.length, config.maxMessageBytes());
        }
    }

    private static Map<String, Object> summary(ParsedMessage parsed, byte[] raw) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("message_id", NulCharacters.clean(parsed.messageId()));
        summary.put("subject", NulCharacters.clean(parsed.subject()));
        summary.put(
                "from",
                parsed.from() == null ? null : NulCharacters.clean(parsed.from().address()));
        summary.put("size_bytes", raw.length);
        summary.put("attachments", parsed.attachments().size());
        summary.put(
                "parse_problems",
                parsed.problems().stream().map(NulCharacters::clean).toList());
        return summary;
    }

    /** The outcome of accepting one message. */
    public record Accepted(UUID jobId, String storageKey, Classification classification) {}
}
