package io.penguinmails.contracts;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The CloudEvents-style envelope every record carries in its Kafka headers (binary content mode).
 *
 * @param id unique event id; consumers de-duplicate on it
 * @param type event type, e.g. {@code io.penguinmails.mail.inbound.v1}
 * @param source the producing service, e.g. {@code /ingest-service}
 * @param time when the event happened
 * @param tenantId the tenant the event belongs to
 */
public record CloudEvent(String id, String type, String source, Instant time, String tenantId) {

    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String TIME = "ce_time";
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String TENANT = "ce_tenantid";
    public static final String SPEC_VERSION_VALUE = "1.0";

    public CloudEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(time, "time");
    }

    /** The envelope as Kafka headers. */
    public Headers toHeaders() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(ID, bytes(id));
        headers.add(TYPE, bytes(type));
        headers.add(SOURCE, bytes(source));
        headers.add(TIME, bytes(time.toString()));
        headers.add(SPEC_VERSION, bytes(SPEC_VERSION_VALUE));
        if (tenantId != null) {
            headers.add(TENANT, bytes(tenantId));
        }
        return headers;
    }

    /**
     * Reads the envelope back from Kafka headers.
     *
     * @throws InvalidEventException when a required header is missing or malformed
     */
    public static CloudEvent fromHeaders(Headers headers) {
        try {
            return new CloudEvent(
                    required(headers, ID),
                    required(headers, TYPE),
                    required(headers, SOURCE),
                    Instant.parse(required(headers, TIME)),
                    optional(headers, TENANT));
        } catch (java.time.format.DateTimeParseException e) {
            throw new InvalidEventException("header " + TIME + " is not an ISO-8601 instant");
        }
    }

    private static String required(Headers headers, String name) {
        String value = optional(headers, name);
        if (value == null || value.isBlank()) {
            throw new InvalidEventException("missing header " + name);
        }
        return value;
    }

    private static String optional(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
