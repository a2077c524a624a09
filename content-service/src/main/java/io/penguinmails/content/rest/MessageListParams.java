package io.penguinmails.content.rest;

import io.penguinmails.content.MessageFilter;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** The query parameters of {@code GET /v1/messages}; every value is checked before it reaches a query. */
public class MessageListParams {

    private static final Set<String> DIRECTIONS = Set.of("inbound", "outbound");
    private static final Set<String> TYPES = Set.of("email", "bounce", "auto_reply", "complaint");
    private static final Pattern STATUS = Pattern.compile("[a-z_]{1,50}");
    private static final int MAX_TEXT = 320;
    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 200;

    @QueryParam("email_account_id")
    String emailAccountId;

    @QueryParam("campaign_id")
    String campaignId;

    @QueryParam("lead_id")
    String leadId;

    @QueryParam("direction")
    String direction;

    @QueryParam("message_type")
    String messageType;

    @QueryParam("status")
    String status;

    @QueryParam("since")
    String since;

    @QueryParam("until")
    String until;

    @QueryParam("from")
    String from;

    @QueryParam("to")
    String to;

    @QueryParam("q")
    String q;

    @QueryParam("cursor")
    String cursor;

    @QueryParam("limit")
    String limit;

    /** The filter these parameters ask for, for a tenant; 400 for any value out of its domain. */
    MessageFilter toFilter(UUID tenantId) {
        return new MessageFilter(
                tenantId,
                text("email_account_id", emailAccountId),
                text("campaign_id", campaignId),
                text("lead_id", leadId),
                oneOf("direction", direction, DIRECTIONS),
                oneOf("message_type", messageType, TYPES),
                status(),
                instant("since", since),
                instant("until", until),
                text("from", from),
                text("to", to),
                text("q", q),
                PageCursor.decode(cursor),
                limit());
    }

    private String status() {
        if (status != null && !STATUS.matcher(status).matches()) {
            throw new BadRequestException("status must be lower-case letters and underscores");
        }
        return status;
    }

    private int limit() {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int value = Integer.parseInt(limit);
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below like any other value out of range
        }
        throw new BadRequestException("limit must be an integer from 1 to " + MAX_LIMIT);
    }

    private static String oneOf(String name, String value, Set<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            throw new BadRequestException(name + " must be one of " + String.join(", ", allowed));
        }
        return value;
    }

    private static String text(String name, String value) {
        if (value != null && (value.isBlank() || value.length() > MAX_TEXT || value.indexOf('\0') >= 0)) {
            throw new BadRequestException(name + " must be 1 to " + MAX_TEXT + " characters");
        }
        return value;
    }

    /** An ISO-8601 instant, or a date meaning its start in UTC. */
    private static Instant instant(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return value.length() == 10
                    ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadRequestException(name + " must be an ISO-8601 instant or date");
        }
    }
}
