package io.penguinmails.content.rest;

import io.penguinmails.content.KeysetPosition;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.NotFoundException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Keyset paging of the listings ordered by (a time, a UUID id), newest first: the {@code limit} parameter and the
 * opaque {@code cursor}, base64url of {@code <time>|<id>} of a page's last row.
 */
public final class Paging {

    /** Rows a page holds unless {@code limit} says otherwise. */
    public static final int DEFAULT_LIMIT = 50;
    /** Most rows one page may hold. */
    public static final int MAX_LIMIT = 200;

    private Paging() {}

    /** The page size a {@code limit} parameter asks for; 400 when it is not an integer from 1 to the maximum. */
    public static int limit(String raw) {
        if (raw == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int value = Integer.parseInt(raw);
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below, like any other value out of range
        }
        throw new BadRequestException("limit must be an integer from 1 to " + MAX_LIMIT);
    }

    /** The position of a cursor; null for none; 400 for one this service did not issue. */
    public static KeysetPosition decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] parts = plain.split("\\|", 2);
            if (parts.length != 2) {
                throw new BadRequestException("cursor is not one this API issued");
            }
            return new KeysetPosition(Instant.parse(parts[0]), UUID.fromString(parts[1]));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new BadRequestException("cursor is not one this API issued");
        }
    }

    /** The page of rows, with the cursor after its last row when the page is full (there may be more). */
    public static <T> ItemPage<T> page(List<T> items, int limit, Function<T, KeysetPosition> position) {
        if (items.size() < limit) {
            return new ItemPage<>(items, null);
        }
        KeysetPosition last = position.apply(items.get(items.size() - 1));
        String plain = last.at() + "|" + last.id();
        return new ItemPage<>(
                items, Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8)));
    }

    /** A path id as a UUID; 404 for anything else, since no object has such an id. */
    public static UUID pathId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("no such object");
        }
    }
}
