package io.penguinmails.ingest.service.importer;

import io.penguinmails.contracts.StorageKeys;
import io.penguinmails.ingest.config.IngestConfig;
import io.penguinmails.ingest.repository.JobRepository;
import io.penguinmails.ingest.service.InboundService;
import io.penguinmails.ingest.service.MessageTooLargeException;
import io.penguinmails.ingest.service.NotAMessageException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Imports a mail archive: every entry of the source goes through {@link InboundService#accept} like a submitted
 * message, each job is published as it commits, and the import waits for them. It is resumable twice over: a resume point per
 * source skips what an earlier run finished without reading it again, and a message accepted before (same
 * storage_key) is only counted as a duplicate.
 */
@ApplicationScoped
public class ImportService {

    private static final long WAIT_STEP_MILLIS = 500;

    private final InboundService inbound;
    private final ImportLedger ledger;
    private final JobRepository jobs;
    private final IngestConfig config;

    ImportService(InboundService inbound, ImportLedger ledger, JobRepository jobs, IngestConfig config) {
        this.inbound = inbound;
        this.ledger = ledger;
        this.jobs = jobs;
        this.config = config;
    }

    /**
     * Runs one import to its end: reads the source, then waits up to the request's timeout for publishing.
     *
     * @throws IllegalArgumentException when the source does not exist
     * @throws NotAnMboxException when a file given as an mbox is not one
     */
    public ImportReport run(ImportRequest request, ImportProgress progress) throws IOException, InterruptedException {
        String sourceKey = request.source().toAbsolutePath().normalize().toString();
        String resumeAfter = request.restart()
                ? null
                : ledger.resumePoint(request.tenantId(), sourceKey).orElse(null);
        Tally tally = new Tally(sourceKey);
        try (MessageSource source = MessageSource.open(request.source(), config.maxMessageBytes(), resumeAfter)) {
            tally.kind = source.kind();
            for (MessageSource.Entry entry = source.next(); entry != null; entry = source.next()) {
                handle(request, entry, tally);
                ledger.finished(request.tenantId(), sourceKey, entry.key());
                progress.reading(source.progress(), tally.report());
            }
            tally.skipped = source.skipped();
        }
        awaitPublished(request, tally, progress);
        return tally.report();
    }

    private void handle(ImportRequest request, MessageSource.Entry entry, Tally tally) {
        if (entry.tooLarge()) {
            tally.refuse(entry.key(), "too large", tooLarge(entry.size(), config.maxMessageBytes()));
            return;
        }
        String storageKey = StorageKeys.forRawMessage(request.tenantId().toString(), entry.raw());
        Optional<UUID> existing = jobs.idOf(request.tenantId(), storageKey);
        if (existing.isPresent()) {
            tally.duplicate(existing.get());
            return;
        }
        try {
            tally.accept(inbound.accept(request.tenantId(), request.emailAccountId(), entry.raw())
                    .jobId());
        } catch (NotAMessageException e) {
            tally.refuse(entry.key(), "not a message", e.getMessage());
        } catch (MessageTooLargeException e) {
            tally.refuse(entry.key(), "too large", e.getMessage());
        }
    }

    /** Why a message over the limit is refused; its size is a lower bound when it was not read to its end. */
    static String tooLarge(long size, long max) {
        return "the message has at least " + size + " bytes; the maximum is " + max;
    }

    /** Waits until every job of this import (new or from an earlier run) is published or dead, or the timeout. */
    private void awaitPublished(ImportRequest request, Tally tally, ImportProgress progress)
            throws InterruptedException {
        if (tally.jobIds.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + request.waitTimeout().toNanos();
        while (true) {
            ImportLedger.JobCounts counts = ledger.count(tally.jobIds);
            tally.published(counts);
            long finished = counts.done() + counts.dead();
            progress.publishing(finished, tally.jobIds.size());
            if (finished >= tally.jobIds.size() || System.nanoTime() > deadline) {
                return;
            }
            Thread.sleep(WAIT_STEP_MILLIS);
        }
    }

    /** The running counts of one import. */
    private static final class Tally {
        private final String source;
        private final List<UUID> jobIds = new ArrayList<>();
        private final Map<String, Long> refusedByReason = new TreeMap<>();
        private final List<ImportReport.Refusal> refusals = new ArrayList<>();
        private String kind;
        private long accepted;
        private long duplicates;
        private long refused;
        private long skipped;
        private long published;
        private long dead;

        Tally(String source) {
            this.source = source;
        }

        void accept(UUID jobId) {
            accepted++;
            jobIds.add(jobId);
        }

        void duplicate(UUID jobId) {
            duplicates++;
            jobIds.add(jobId);
        }

        void refuse(String key, String reason, String detail) {
            refused++;
            refusedByReason.merge(reason, 1L, Long::sum);
            if (refusals.size() < ImportReport.MAX_LISTED) {
                refusals.add(new ImportReport.Refusal(key, reason + ": " + detail));
            }
        }

        void published(ImportLedger.JobCounts counts) {
            published = counts.done();
            dead = counts.dead();
        }

        ImportReport report() {
            long total = accepted + duplicates + refused;
            long pending = jobIds.size() - published - dead;
            return new ImportReport(
                    source,
                    kind,
                    total,
                    accepted,
                    duplicates,
                    skipped,
                    refused,
                    Map.copyOf(refusedByReason),
                    List.copyOf(refusals),
                    published,
                    dead,
                    pending);
        }
    }
}
