package io.penguinmails.ingest.service.importer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

/**
 * One run of the bulk importer.
 *
 * @param source an mbox file, a Maildir, a folder of {@code .eml} files or one {@code .eml} file
 * @param emailAccountId the mailbox the messages belong to, when known
 * @param restart read the source from its beginning instead of after the last finished entry
 * @param waitTimeout how long to wait for the accepted messages to be published
 */
public record ImportRequest(Path source, UUID tenantId, String emailAccountId, boolean restart, Duration waitTimeout) {}
