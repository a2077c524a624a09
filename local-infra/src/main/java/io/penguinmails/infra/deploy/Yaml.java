package io.penguinmails.infra.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Writes the generated YAML: ordered maps, minimal quoting, multi-line scripts as literal blocks. */
final class Yaml {

    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            // The generator writes its own header and separators, so one document's text can be concatenated.
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            // Kubernetes rejects a number where it expects a string (env values, annotations).
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            // Long commands stay on one line, readable and greppable.
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .build();

    private Yaml() {}

    /** One YAML document behind the generated-file notice. */
    static String document(Object tree) {
        return DeploymentGenerator.hashNotice() + write(tree);
    }

    /** Several YAML documents separated by {@code ---}, behind the generated-file notice. */
    static String documents(List<?> trees) {
        return DeploymentGenerator.hashNotice()
                + trees.stream().map(Yaml::write).collect(Collectors.joining("---\n"));
    }

    /** An insertion-ordered map from alternating keys and values, so the output order is the code's order. */
    static Map<String, Object> map(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values must pair up");
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static String write(Object tree) {
        try {
            return MAPPER.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
