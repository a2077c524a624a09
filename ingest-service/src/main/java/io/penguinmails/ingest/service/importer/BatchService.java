package io.penguinmails.ingest.service.importer;

import io.penguinmails.ingest.config.IngestConfig;
import io.penguinmails.ingest.service.InboundService;
import io.penguinmails.ingest.service.MessageTooLargeException;
import io.penguinmails.ingest.service.NotAMessageException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Accepts every message of an mbox, one by one, through {@link InboundService#accept}: each accepted message is a
 * durable job before the answer, a refused one does not stop the others, and the answer says what became of each.
 */
@ApplicationScoped
public class BatchService {

    private final InboundService inbound;
    private final IngestConfig config;

    BatchService(InboundService inbound, IngestConfig config) {
        this.inbound = inbound;
        this.config = config;
    }

    /**
     * Accepts the messages of an mbox stream.
     *
     * @throws NotAnMboxException when the stream is empty or not an mbox
     */
    public List<Result> acceptMbox(UUID tenantId, String emailAccountId, InputStream mbox) throws IOException {
        List<Result> results = new ArrayList<>();
        try (MboxReader reader = new MboxReader(mbox, config.maxMessageBytes())) {
            for (MboxReader.Entry entry = reader.next(); entry != null; entry = reader.next()) {
                results.add(acceptOne(tenantId, emailAccountId, entry));
            }
        }
        if (results.isEmpty()) {
            throw new NotAnMboxException("the body holds no message; send an mbox file");
        }
        return results;
    }

    private Result acceptOne(UUID tenantId, String emailAccountId, MboxReader.Entry entry) {
        if (entry.tooLarge()) {
            return Result.refused(entry.index(), 413, ImportService.tooLarge(entry.size(), config.maxMessageBytes()));
        }
        try {
            InboundService.Accepted accepted = inbound.accept(tenantId, emailAccountId, entry.raw());
            return new Result(
                    entry.index(),
                    202,
                    accepted.storageKey(),
                    accepted.jobId(),
                    accepted.classification().messageType(),
                    null);
        } catch (NotAMessageException e) {
            return Result.refused(entry.index(), 400, e.getMessage());
        } catch (MessageTooLargeException e) {
            return Result.refused(entry.index(), 413, e.getMessage());
        }
    }

    /**
     * What became of one message of the batch.
     *
     * @param index its position in the mbox, from 0
     * @param status 202 accepted (or already accepted before: the same job), 400 not a message, 413 too large
     */
    public record Result(int index, int status, String storageKey, UUID jobId, String messageType, String error) {

        static Result refused(int index, int status, String error) {
            return new Result(index, status, null, null, null, error);
        }

        /** Whether the message is (now or already) a job. */
        public boolean accepted() {
            return status == 202;
        }
    }
}
