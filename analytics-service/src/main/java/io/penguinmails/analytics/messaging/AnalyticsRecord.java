package io.penguinmails.analytics.messaging;

import io.penguinmails.contracts.AnalyticsEvent;
import io.penguinmails.contracts.CloudEvent;
import io.penguinmails.contracts.EventJson;
import io.penguinmails.contracts.EventSchemas;
import io.penguinmails.contracts.InvalidEventException;
import io.penguinmails.contracts.Topics;
import org.apache.kafka.common.header.Headers;

/**
 * A validated record of {@code analytics.events}, read the same way by the live consumer and by a rebuild so that
 * both count exactly the same records.
 *
 * @param eventId the envelope's {@code ce_id}
 * @param event the body, valid against its schema
 */
public record AnalyticsRecord(String eventId, AnalyticsEvent event) {

    /**
     * Reads and validates a record's envelope and body.
     *
     * @throws InvalidEventException when the envelope is missing or malformed, the body is not a valid event, or
     *     envelope and body name different tenants
     */
    public static AnalyticsRecord parse(Headers headers, String body) {
        CloudEvent envelope = CloudEvent.fromHeaders(headers);
        AnalyticsEvent event = readBody(body);
        requireSameTenant(envelope, event);
        return new AnalyticsRecord(envelope.id(), event);
    }

    private static AnalyticsEvent readBody(String body) {
        if (body == null) {
            throw new InvalidEventException("record has no body");
        }
        return EventJson.read(EventSchemas.requireValidTree(Topics.ANALYTICS_EVENTS, body), AnalyticsEvent.class);
    }

    /** The envelope's tenant is optional, but when present a different body tenant means a broken producer. */
    private static void requireSameTenant(CloudEvent envelope, AnalyticsEvent event) {
        if (envelope.tenantId() != null && !envelope.tenantId().equalsIgnoreCase(event.tenantId())) {
            throw new InvalidEventException("header " + CloudEvent.TENANT + " " + envelope.tenantId()
                    + " differs from body tenant_id " + event.tenantId());
        }
    }
}
