package io.penguinmails.campaign.rest;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ClientErrorException;
import java.util.regex.Pattern;

/** Checks of request fields shared by the workspace resources; a failed check answers 422 naming the field. */
final class RequestChecks {

    static final int UNPROCESSABLE = 422;
    static final int MAX_TEXT = 200;

    private static final Pattern HOSTNAME = Pattern.compile(
            "(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

    private RequestChecks() {}

    /** Refuses a request without a body. */
    static <T> T body(T request) {
        if (request == null) {
            throw new BadRequestException("a JSON body is required");
        }
        return request;
    }

    /** A 422 problem with the given detail. */
    static ClientErrorException unprocessable(String detail) {
        return new ClientErrorException(detail, UNPROCESSABLE);
    }

    /** The stripped value of a required text field. */
    static String required(String field, String value) {
        String stripped = optional(field, value);
        if (stripped == null) {
            throw unprocessable(field + " is required and must not be blank");
        }
        return stripped;
    }

    /** The stripped value of an optional text field, null when missing or blank. */
    static String optional(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String stripped = value.strip();
        if (stripped.length() > MAX_TEXT) {
            throw unprocessable(field + " is longer than " + MAX_TEXT + " characters");
        }
        return stripped;
    }

    /** A lower-case host name without trailing dot. */
    static String hostname(String field, String value) {
        String host = required(field, value).toLowerCase(java.util.Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (!HOSTNAME.matcher(host).matches()) {
            throw unprocessable(field + " is not a valid host name: " + value);
        }
        return host;
    }

    /** An integer within bounds. */
    static int range(String field, Integer value, int min, int max) {
        if (value == null || value < min || value > max) {
            throw unprocessable(field + " must be between " + min + " and " + max);
        }
        return value;
    }
}
