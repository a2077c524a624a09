package io.penguinmails.ingest.service.imap;

import java.time.Instant;

/**
 * Where polling of one folder stands. IMAP UIDs only mean something under one UIDVALIDITY: when the server reports
 * another one, the folder was recreated and every UID is new, so the cursor starts over.
 *
 * @param lastUid every message up to this UID was accepted (or refused for good)
 * @param lastRefused why the last refused message was refused, with its UID
 */
public record MailboxCursor(
        String folder,
        long uidValidity,
        long lastUid,
        long messagesFetched,
        long messagesRefused,
        String lastRefused,
        Instant updated) {

    /** The UID to fetch from under the UIDVALIDITY the server reports now: after the last one, or 1 when it changed. */
    public long nextUid(long serverUidValidity) {
        return uidValidity == serverUidValidity ? lastUid + 1 : 1;
    }
}
