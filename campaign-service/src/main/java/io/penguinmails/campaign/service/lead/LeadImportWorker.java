package io.penguinmails.campaign.service.lead;

import io.penguinmails.campaign.LeadImport;
import io.penguinmails.campaign.LeadImportReject;
import io.penguinmails.campaign.config.WorkspaceConfig;
import io.penguinmails.campaign.repository.LeadImportRepository;
import io.penguinmails.campaign.repository.LeadRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Processes queued lead imports in the background. An import is claimed with {@code FOR UPDATE SKIP LOCKED} and a
 * lease, then read in batches; each batch's leads, list memberships, rejects and progress commit in one transaction
 * that also renews the lease. After a crash or restart the lease runs out and a worker resumes after the last
 * committed row, so no row is imported twice; a worker that lost its lease rolls its batch back and stops.
 */
@ApplicationScoped
public class LeadImportWorker {

    private static final Logger LOG = Logger.getLogger(LeadImportWorker.class);

    private final LeadImportRepository imports;
    private final LeadRepository leads;
    private final WorkspaceConfig.Import config;
    // Identifies this instance's claims; a new process gets a new id, so its leftover leases simply expire.
    private final UUID owner = UUID.randomUUID();

    LeadImportWorker(LeadImportRepository imports, LeadRepository leads, WorkspaceConfig config) {
        this.imports = imports;
        this.leads = leads;
        this.config = config.leadImport();
    }

    /** Processes every import that is waiting, one after the other. */
    @Scheduled(
            identity = "lead-import-worker",
            every = "${penguin.workspace.lead-import.poll-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        Optional<LeadImport> next = imports.claim(owner, config.lease());
        while (next.isPresent()) {
            process(next.get());
            next = imports.claim(owner, config.lease());
        }
    }

    /** Imports the rows of one claimed import that are not committed yet. */
    void process(LeadImport job) {
        Optional<byte[]> body = imports.body(job.id());
        if (body.isEmpty()) {
            imports.finish(job.id(), owner, "the CSV body is gone");
            return;
        }
        try {
            importRows(job, body.get());
        } catch (IllegalArgumentException | UncheckedIOException e) {
            LOG.infof("lead import %s failed: %s", job.id(), e.getMessage());
            imports.finish(job.id(), owner, e.getMessage());
        } catch (LeaseLostException e) {
            LOG.warnf("lead import %s was taken over by another worker; this one stops", job.id());
        }
    }

    private void importRows(LeadImport job, byte[] body) {
        int total = CsvLeadReader.countRows(body);
        if (total > config.maxRows()) {
            imports.finish(
                    job.id(), owner, "the CSV has " + total + " rows; at most " + config.maxRows() + " are allowed");
            return;
        }
        try (CsvLeadReader reader = CsvLeadReader.open(body, job.columnMapping())) {
            // Rows up to processed_rows are committed; reading them again only rebuilds the in-file duplicate check.
            while (reader.hasNext() && reader.rowsRead() < job.processedRows()) {
                reader.next();
            }
            while (reader.hasNext()) {
                commitBatch(job, reader, total);
            }
            if (reader.rowsRead() == job.processedRows()) {
                // Nothing was left (an empty file, or a crash right after the last batch): record the total anyway.
                commit(job, total, reader.rowsRead(), List.of(), List.of());
            }
        }
        imports.finish(job.id(), owner, null);
    }

    private void commitBatch(LeadImport job, CsvLeadReader reader, int total) {
        List<LeadRow> rows = new ArrayList<>();
        List<LeadImportReject> rejects = new ArrayList<>();
        while (reader.hasNext() && rows.size() + rejects.size() < config.batchSize()) {
            CsvLeadReader.ReadRow row = reader.next();
            if (row.lead() != null) {
                rows.add(row.lead());
            } else {
                rejects.add(new LeadImportReject(row.row(), row.reason(), row.raw()));
            }
        }
        commit(job, total, reader.rowsRead(), rows, rejects);
    }

    private void commit(LeadImport job, int total, int processed, List<LeadRow> rows, List<LeadImportReject> rejects) {
        QuarkusTransaction.requiringNew().run(() -> {
            int inserted = leads.upsertIntoList(job.tenantId(), job.listId(), rows);
            imports.insertRejects(job.tenantId(), job.id(), rejects);
            boolean held = imports.progress(
                    job.id(),
                    owner,
                    config.lease(),
                    total,
                    processed,
                    inserted,
                    rows.size() - inserted,
                    rejects.size());
            if (!held) {
                throw new LeaseLostException();
            }
        });
    }

    /** This worker no longer holds the import: another one took it over after the lease ran out. */
    static final class LeaseLostException extends RuntimeException {

        LeaseLostException() {
            super("lead import lease lost");
        }
    }
}
