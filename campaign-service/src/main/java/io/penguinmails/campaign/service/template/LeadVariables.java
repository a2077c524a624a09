package io.penguinmails.campaign.service.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.penguinmails.campaign.Lead;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The values a template can use for one lead: {@code email}, {@code first_name}, {@code last_name}, {@code company},
 * {@code position}, {@code timezone} and every custom field key, all names lower-cased. A known field wins over a
 * custom field of the same name; missing values are left out, so {@link TemplateRenderer} applies the fallback.
 */
public final class LeadVariables {

    /** The names of the lead columns every lead has. */
    public static final List<String> KNOWN_FIELDS =
            List.of("email", "first_name", "last_name", "company", "position", "timezone");

    private static final ObjectMapper JSON = new ObjectMapper();

    private LeadVariables() {}

    /** The variables of a lead. */
    public static Map<String, String> of(Lead lead) {
        Map<String, String> values = new HashMap<>();
        lead.customFields().forEach((key, value) -> putIfPresent(values, key.toLowerCase(Locale.ROOT), value));
        putKnown(
                values,
                lead.email(),
                lead.firstName(),
                lead.lastName(),
                lead.company(),
                lead.position(),
                lead.timezone());
        return values;
    }

    /**
     * The variables of a lead row as read from {@code leads}.
     *
     * @param customFieldsJson the {@code custom_fields} JSONB column as text (an object), may be null
     */
    public static Map<String, String> of(
            String email,
            String firstName,
            String lastName,
            String company,
            String position,
            String timezone,
            String customFieldsJson) {
        Map<String, String> values = new HashMap<>(customFields(customFieldsJson));
        putKnown(values, email, firstName, lastName, company, position, timezone);
        return values;
    }

    /**
     * A {@code custom_fields} JSON object as a map with lower-cased keys; non-text values keep their JSON text.
     *
     * @throws IllegalArgumentException when the text is not a JSON object
     */
    public static Map<String, String> customFields(String json) {
        Map<String, String> values = new HashMap<>();
        if (json == null || json.isBlank()) {
            return values;
        }
        JsonNode node = parse(json);
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (!value.isNull()) {
                String text = value.isValueNode() ? value.asText() : value.toString();
                putIfPresent(values, field.getKey().toLowerCase(Locale.ROOT), text);
            }
        }
        return values;
    }

    private static JsonNode parse(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            if (!node.isObject()) {
                throw new IllegalArgumentException("custom_fields is not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("custom_fields is not valid JSON", e);
        }
    }

    private static void putKnown(
            Map<String, String> values,
            String email,
            String firstName,
            String lastName,
            String company,
            String position,
            String timezone) {
        putIfPresent(values, "email", email);
        putIfPresent(values, "first_name", firstName);
        putIfPresent(values, "last_name", lastName);
        putIfPresent(values, "company", company);
        putIfPresent(values, "position", position);
        putIfPresent(values, "timezone", timezone);
    }

    private static void putIfPresent(Map<String, String> values, String name, String value) {
        if (value != null && !value.isBlank()) {
            values.put(name, value);
        }
    }
}
