package io.penguinmails.contracts;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** Reads and writes event bodies exactly as the JSON Schemas describe them. */
public final class EventJson {

    private static final ObjectMapper MAPPER = new ObjectMapper(largeRecords())
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            // Newer producers may add fields; an old consumer must still read the record.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private EventJson() {}

    /**
     * A factory that reads strings as long as a record may be: a 30 MB message travels base64-encoded in one string,
     * beyond Jackson's default limit of 20 million characters.
     */
    public static JsonFactory largeRecords() {
        return JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxStringLength(Topics.MAX_MESSAGE_BYTES)
                        .build())
                .build();
    }

    /** The event as its JSON body. */
    public static String write(Object event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event cannot be serialized: " + e.getOriginalMessage(), e);
        }
    }

    /** The event as a JSON tree, to validate it and then write it with {@link #write} without parsing it back. */
    public static JsonNode tree(Object event) {
        return MAPPER.valueToTree(event);
    }

    /**
     * Reads an event body already parsed, e.g. by {@link EventSchemas#requireValidTree}.
     *
     * @throws InvalidEventException when the body is not of that shape
     */
    public static <T> T read(JsonNode tree, Class<T> type) {
        try {
            return MAPPER.treeToValue(tree, type);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException(
                    "body is not a valid " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Reads an event body.
     *
     * @throws InvalidEventException when the body is not JSON of that shape
     */
    public static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException(
                    "body is not a valid " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }
}
