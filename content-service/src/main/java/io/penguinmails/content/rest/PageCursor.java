package io.penguinmails.content.rest;

import io.penguinmails.content.MessageFilter;
import io.penguinmails.contracts.StorageKeys;
import jakarta.ws.rs.BadRequestException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/** The opaque {@code cursor} of a message listing: base64url of {@code <received_at>|<storage_key>}. */
public final class PageCursor {

    private PageCursor() {}

    /** The cursor that continues after a position. */
    public static String encode(MessageFilter.Position position) {
        String plain = position.receivedAt() + "|" + position.storageKey();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** The position of a cursor; null for none; 400 for one this service did not issue. */
    public static MessageFilter.Position decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] parts = plain.split("\\|", 2);
            if (parts.length != 2 || !StorageKeys.isValid(parts[1])) {
                throw new BadRequestException("cursor is not one this API issued");
            }
            return new MessageFilter.Position(Instant.parse(parts[0]), parts[1]);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new BadRequestException("cursor is not one this API issued");
        }
    }
}
