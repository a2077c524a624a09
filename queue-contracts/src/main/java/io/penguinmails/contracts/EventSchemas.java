package io.penguinmails.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The JSON Schema of every topic's body, and validation of a body against it. */
public final class EventSchemas {

    private static final Map<String, String> SCHEMA_BY_TOPIC = Map.of(
            Topics.MAIL_INBOUND, "mail-event.v1.json",
            Topics.MAIL_BOUNCE, "mail-event.v1.json",
            Topics.MAIL_AUTOREPLY, "mail-event.v1.json",
            Topics.MAIL_OUTBOUND, "outbound-mail-event.v1.json",
            Topics.ANALYTICS_EVENTS, "analytics-event.v1.json",
            Topics.MAILBOX_CHANGES, "mailbox-change-event.v1.json",
            Topics.AUDIT_EVENTS, "audit-event.v1.json",
            Topics.NOTIFICATIONS, "notification-event.v1.json");

    private static final ObjectMapper JSON = new ObjectMapper(EventJson.largeRecords());
    private static final Map<String, JsonSchema> CACHE = new ConcurrentHashMap<>();

    private EventSchemas() {}

    /** The classpath resource of a topic's schema, e.g. {@code schemas/mail-event.v1.json}. */
    public static String resourceFor(String topic) {
        String file = SCHEMA_BY_TOPIC.get(topic);
        if (file == null) {
            throw new IllegalArgumentException("no schema for topic " + topic);
        }
        return "schemas/" + file;
    }

    /** The violations of a body against its topic's schema; empty when it is valid. */
    public static List<String> violations(String topic, String body) {
        try {
            return violations(topic, JSON.readTree(body));
        } catch (IOException e) {
            return List.of("body is not JSON: " + e.getMessage());
        }
    }

    /**
     * Checks a body against its topic's schema.
     *
     * @throws InvalidEventException listing the violations
     */
    public static void requireValid(String topic, String body) {
        requireNone(topic, violations(topic, body));
    }

    /**
     * Checks an event already turned into a tree against its topic's schema, so a producer need not parse the body it
     * has just written.
     *
     * @throws InvalidEventException listing the violations
     */
    public static void requireValid(String topic, JsonNode body) {
        requireNone(topic, violations(topic, body));
    }

    /**
     * Checks a body against its topic's schema and returns it parsed, so a consumer reads its body once.
     *
     * @throws InvalidEventException when the body is not JSON or breaks the schema, listing the violations
     */
    public static JsonNode requireValidTree(String topic, String body) {
        JsonNode node = readTree(topic, body);
        requireNone(topic, violations(topic, node));
        return node;
    }

    private static JsonNode readTree(String topic, String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw invalid(topic, List.of("body is not JSON: " + e.getMessage()));
        }
    }

    private static void requireNone(String topic, List<String> violations) {
        if (!violations.isEmpty()) {
            throw invalid(topic, violations);
        }
    }

    private static InvalidEventException invalid(String topic, List<String> violations) {
        return new InvalidEventException("record on " + topic + " breaks its schema: " + violations);
    }

    private static List<String> violations(String topic, JsonNode node) {
        return schemaFor(topic).validate(node).stream()
                .map(ValidationMessage::getMessage)
                .toList();
    }

    private static JsonSchema schemaFor(String topic) {
        return CACHE.computeIfAbsent(resourceFor(topic), EventSchemas::load);
    }

    private static JsonSchema load(String resource) {
        SchemaValidatorsConfig config =
                SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        try (InputStream in = EventSchemas.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("schema resource missing: " + resource);
            }
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(in, config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
