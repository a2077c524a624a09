package io.penguinmails.content;

import java.util.UUID;

/** An attachment of a stored message; its bytes live in the tenant's deduplicated blobs. */
public record StoredAttachment(
        UUID id,
        String filename,
        String mimeType,
        long sizeBytes,
        String sha256,
        String disposition,
        String contentId) {}
